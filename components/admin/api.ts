import { apiFetch } from "@/lib/client/api";
import type { AdminUserView, AdminWorkspaceView } from "@/lib/instance/admin";

export const adminKeys = {
  users: (q: string) => ["admin", "users", q] as const,
  workspaces: (q: string) => ["admin", "workspaces", q] as const,
};

const query = (q: string, cursor?: string) => {
  const p = new URLSearchParams({ limit: "100" });
  if (q) p.set("q", q);
  if (cursor) p.set("cursor", cursor);
  return p.toString();
};

export const adminApi = {
  users: (q: string, cursor?: string, signal?: AbortSignal) =>
    apiFetch<{ users: AdminUserView[]; total: number; nextCursor: string | null }>(`/api/v1/admin/users?${query(q, cursor)}`, { signal }),
  workspaces: (q: string, cursor?: string, signal?: AbortSignal) =>
    apiFetch<{ workspaces: AdminWorkspaceView[]; total: number; nextCursor: string | null }>(`/api/v1/admin/workspaces?${query(q, cursor)}`, { signal }),
  disable: (id: string) => apiFetch<{ changed: boolean; sessionsEnded: number }>(`/api/v1/admin/users/${encodeURIComponent(id)}/disable`, { method: "POST", body: {} }),
  enable: (id: string) => apiFetch<{ changed: boolean }>(`/api/v1/admin/users/${encodeURIComponent(id)}/enable`, { method: "POST", body: {} }),
};

import { apiFetch } from "@/lib/client/api";
import type { ProfileView, SessionView } from "@/lib/account/schemas";

export const accountKeys = {
  sessions: ["account", "sessions"] as const,
};

export const accountApi = {
  updateProfile: (name: string) => apiFetch<{ profile: ProfileView }>("/api/v1/me/profile", { method: "PATCH", body: { name } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    apiFetch<{ otherSessionsSignedOut: number }>("/api/v1/me/password", { method: "POST", body: { currentPassword, newPassword } }),
  sessions: (signal?: AbortSignal) => apiFetch<{ sessions: SessionView[] }>("/api/v1/me/sessions", { signal }),
  revokeSession: (id: string) => apiFetch<{ revoked: string; current: boolean }>(`/api/v1/me/sessions/${encodeURIComponent(id)}`, { method: "DELETE" }),
  revokeOthers: () => apiFetch<{ revoked: number }>("/api/v1/me/sessions?scope=others", { method: "DELETE" }),
};

import { apiFetch } from "@/lib/client/api";

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  personal: boolean;
  owner: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  secret?: string;
}

export type TokenScopeName = "read" | "write" | "run" | "admin";

export const TOKEN_SCOPE_INFO: { scope: TokenScopeName; label: string; description: string }[] = [
  { scope: "read", label: "read", description: "See specs, runs, reviews, exports, the audit trail, members and settings." },
  { scope: "write", label: "write", description: "Edit and archive specs; comment on and decide reviews." },
  { scope: "run", label: "run", description: "Trigger and cancel generation runs." },
  { scope: "admin", label: "admin", description: "Every other change your role allows (members, providers, settings, tokens…). Usually combined with read." },
];

export const EXPIRY_CHOICES = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
] as const;

export const tokenKeys = { list: (slug: string) => ["tokens", slug] as const };

const base = (slug: string) => `/api/v1/workspaces/${encodeURIComponent(slug)}/tokens`;

export const tokensApi = {
  list: (slug: string, signal?: AbortSignal) => apiFetch<{ tokens: TokenView[] }>(base(slug), { signal }),
  create: (slug: string, body: { name: string; scopes: TokenScopeName[]; expiresInDays: number | null; personal: boolean }) =>
    apiFetch<{ token: TokenView }>(base(slug), { method: "POST", body }),
  revoke: (slug: string, id: string) => apiFetch<null>(`${base(slug)}/${encodeURIComponent(id)}`, { method: "DELETE" }),
};

export function tokenStatus(t: TokenView, now = Date.now()): "active" | "revoked" | "expired" {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && new Date(t.expiresAt).getTime() < now) return "expired";
  return "active";
}

import { apiFetch } from "@/lib/client/api";
import type { Role } from "@/lib/generated/prisma/enums";

export interface MemberView {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  lastActiveAt: string | null;
  joinedAt: string;
}

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  status: "pending" | "accepted" | "revoked" | "expired";
  expiresAt: string;
  createdAt: string;
  link?: string;
}

/** Whether the invitation link was e-mailed (lib/members/invite-with-email.ts). */
export interface InvitationEmail {
  configured: boolean;
  sent: boolean;
  error?: string;
}

export const memberKeys = {
  members: (slug: string) => ["members", slug] as const,
  invitations: (slug: string) => ["invitations", slug] as const,
};

const base = (slug: string) => `/api/v1/workspaces/${encodeURIComponent(slug)}`;

export const membersApi = {
  list: (slug: string, signal?: AbortSignal) => apiFetch<{ members: MemberView[] }>(`${base(slug)}/members`, { signal }),
  invitations: (slug: string, signal?: AbortSignal) => apiFetch<{ invitations: InvitationView[] }>(`${base(slug)}/invitations`, { signal }),
  invite: (slug: string, body: { email: string; role: Role; expiresInDays: number }) =>
    apiFetch<{ invitation: InvitationView; email: InvitationEmail }>(`${base(slug)}/members`, { method: "POST", body }),
  revokeInvitation: (slug: string, id: string) => apiFetch<null>(`${base(slug)}/invitations/${encodeURIComponent(id)}`, { method: "DELETE" }),
  changeRole: (slug: string, memberId: string, role: Role) =>
    apiFetch<{ member: { id: string; role: Role } }>(`${base(slug)}/members/${encodeURIComponent(memberId)}`, { method: "PATCH", body: { role } }),
  remove: (slug: string, memberId: string) => apiFetch<null>(`${base(slug)}/members/${encodeURIComponent(memberId)}`, { method: "DELETE" }),
  transfer: (slug: string, memberId: string) => apiFetch<{ ok: boolean }>(`${base(slug)}/members/transfer`, { method: "POST", body: { memberId } }),
};

export const ROLE_INFO: Record<Role, { label: string; description: string }> = {
  owner: { label: "Owner", description: "Everything, including deleting the workspace" },
  admin: { label: "Admin", description: "Also manages members, providers, settings and limits" },
  editor: { label: "Editor", description: "Writes specs, triggers runs, manages API tokens" },
  reviewer: { label: "Reviewer", description: "Comments on and decides reviews, downloads exports" },
  viewer: { label: "Viewer", description: "Reads specs, runs, reviews and the audit trail" },
};

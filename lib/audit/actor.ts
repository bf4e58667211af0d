import type { Principal, RequestMeta } from "@/lib/auth/principal";

/** Who did something, as the audit trail records it. */
export interface AuditActor {
  type: "user" | "token" | "system";
  id: string | null;
  label: string | null;
  ip: string | null;
  userAgent: string | null;
}

export function actorFromPrincipal(p: Principal, meta: RequestMeta): AuditActor {
  return p.kind === "user"
    ? { type: "user", id: p.userId, label: p.email, ...meta }
    : { type: "token", id: p.tokenId, label: `${p.tokenName} (${p.email})`, ...meta };
}

export const SYSTEM_ACTOR: AuditActor = { type: "system", id: null, label: "system", ip: null, userAgent: null };

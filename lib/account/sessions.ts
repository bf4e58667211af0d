import type { Db, DbTx } from "@/lib/db";
import type { RequestMeta } from "@/lib/auth/principal";
import { actorFromPrincipal } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { SessionView } from "@/lib/account/schemas";
import type { SessionPrincipal } from "@/lib/account/session-principal";

/** The account's live sessions, most recently used first; the one making the request is marked `current`. */
export async function listSessions(db: DbTx, principal: SessionPrincipal): Promise<SessionView[]> {
  const rows = await db.session.findMany({
    where: { userId: principal.userId, expiresAt: { gt: new Date() } },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: 200,
  });
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === principal.sessionId,
  }));
}

/**
 * Sign one session out (delete its row: that browser is signed out at its next request). Only the account's own
 * sessions are reachable; anything else is not_found. Recorded as user.session_revoked on the instance chain.
 */
export async function revokeSession(db: Db, principal: SessionPrincipal, meta: RequestMeta, sessionId: string) {
  return db.$transaction(async (tx) => {
    const s = await tx.session.findFirst({ where: { id: sessionId, userId: principal.userId } });
    if (!s) throw new AppError("not_found", "Session was not found (it may have been signed out already).");
    await tx.session.delete({ where: { id: s.id } });
    const current = s.id === principal.sessionId;
    await recordAudit(tx, {
      actor: actorFromPrincipal(principal, meta),
      action: "user.session_revoked",
      resourceType: "session",
      resourceId: s.id,
      before: { ip: s.ip, userAgent: s.userAgent, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt },
      metadata: { current },
    });
    return { revoked: s.id, current };
  });
}

/** "Sign out everywhere else": every session of the account but this one. One user.sessions_revoked event. */
export async function revokeOtherSessions(db: Db, principal: SessionPrincipal, meta: RequestMeta) {
  return db.$transaction(async (tx) => {
    const others = await tx.session.findMany({ where: { userId: principal.userId, id: { not: principal.sessionId } }, select: { id: true } });
    if (others.length === 0) return { revoked: 0 };
    await tx.session.deleteMany({ where: { id: { in: others.map((o) => o.id) } } });
    await recordAudit(tx, {
      actor: actorFromPrincipal(principal, meta),
      action: "user.sessions_revoked",
      resourceType: "session",
      resourceId: null,
      metadata: { scope: "all other sessions", count: others.length, sessionIds: others.map((o) => o.id) },
    });
    return { revoked: others.length };
  });
}

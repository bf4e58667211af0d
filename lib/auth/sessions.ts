import type { DbTx } from "@/lib/db";
import type { Principal, RequestMeta } from "@/lib/auth/principal";

export const SESSION_MAX_AGE_S = 30 * 24 * 3600;
const TOUCH_EVERY_MS = 60_000;

/** Open a server-side session; its id goes into the signed cookie. */
export async function createSession(db: DbTx, userId: string, meta: Partial<RequestMeta> = {}) {
  return db.session.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    },
  });
}

/** The principal behind a session id, or null when the session was signed out, expired or its user disabled. */
export async function principalFromSession(db: DbTx, sessionId: string): Promise<Principal | null> {
  const session = await db.session.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } }).catch(() => undefined);
  }
  const { user } = session;
  return { kind: "user", userId: user.id, email: user.email, name: user.name, sessionId };
}

export async function deleteSession(db: DbTx, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

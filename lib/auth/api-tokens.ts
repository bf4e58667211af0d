import type { DbTx } from "@/lib/db";
import type { Principal } from "@/lib/auth/principal";
import { hashToken, TOKEN_PREFIX } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";

const TOUCH_EVERY_MS = 60_000;

/** Resolve a bearer secret. Throws unauthenticated (401) for unknown, revoked or expired tokens. */
export async function principalFromToken(db: DbTx, secret: string): Promise<Principal> {
  if (!secret.startsWith(TOKEN_PREFIX)) {
    throw new AppError("unauthenticated", "The bearer token is not a Spec Studio API token (they start with sst_).");
  }
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashToken(secret) }, include: { user: true } });
  if (!token) throw new AppError("unauthenticated", "The API token is not valid.");
  if (token.revokedAt) throw new AppError("unauthenticated", "The API token was revoked. Create a new one in Settings → API tokens.");
  if (token.expiresAt && token.expiresAt < new Date()) {
    throw new AppError("unauthenticated", `The API token expired on ${token.expiresAt.toISOString()}. Create a new one.`);
  }
  if (token.user.disabledAt) throw new AppError("unauthenticated", "The account that owns this API token is disabled.");
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  return {
    kind: "token",
    userId: token.userId,
    email: token.user.email,
    name: token.user.name,
    tokenId: token.id,
    tokenName: token.name,
    workspaceId: token.workspaceId,
    scopes: token.scopes,
  };
}

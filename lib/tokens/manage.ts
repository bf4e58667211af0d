import { z } from "zod";
import type { Db, DbTx } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { recordAudit } from "@/lib/audit/record";
import { generateTokenSecret, hashToken, tokenDisplayPrefix } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { TOKEN_SCOPES } from "@/lib/rbac/permissions";

export const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(z.enum(TOKEN_SCOPES as [string, ...string[]], { error: `Scopes are ${TOKEN_SCOPES.join(", ")}.` })).min(1).max(4),
  expiresInDays: z.number().int().min(1).max(365).nullable().default(90).describe("null: never expires"),
  personal: z.boolean().default(false).describe("a personal token reaches all your workspaces; otherwise only this one"),
});

export const tokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  personal: z.boolean(),
  owner: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  secret: z.string().optional().describe("shown once, in the answer that created it"),
});

/** Tokens of this workspace, and the caller's personal tokens. */
export async function listTokens(db: DbTx, workspaceId: string, userId: string) {
  const rows = await db.apiToken.findMany({
    where: { OR: [{ workspaceId }, { workspaceId: null, userId }] },
    include: { user: { select: { email: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((t) => ({
    id: t.id, name: t.name, prefix: t.prefix, scopes: t.scopes, personal: t.workspaceId === null, owner: t.user.email,
    expiresAt: t.expiresAt?.toISOString() ?? null, lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null, createdAt: t.createdAt.toISOString(),
  }));
}

/** Create a token; the secret is returned once and only its hash is kept. */
export async function createToken(db: Db, access: WorkspaceAccess, input: z.infer<typeof createTokenSchema>) {
  if (access.principal.kind === "token") throw new AppError("forbidden", "API tokens cannot create other tokens; sign in to create one.");
  const secret = generateTokenSecret();
  const token = await db.$transaction(async (tx) => {
    const t = await tx.apiToken.create({
      data: {
        workspaceId: input.personal ? null : access.workspace.id,
        userId: access.principal.userId,
        name: input.name,
        prefix: tokenDisplayPrefix(secret),
        tokenHash: hashToken(secret),
        scopes: input.scopes,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000) : null,
      },
    });
    await recordAudit(tx, { actor: access.actor, action: "token.created", resourceType: "api_token", resourceId: t.id, workspaceId: access.workspace.id, after: { name: t.name, scopes: t.scopes, personal: input.personal, expiresAt: t.expiresAt } });
    return t;
  });
  return { token, secret };
}

/** Revoke now. Admins revoke any workspace token; others only their own. */
export async function revokeToken(db: Db, access: WorkspaceAccess, id: string) {
  const t = await db.apiToken.findFirst({ where: { id, OR: [{ workspaceId: access.workspace.id }, { workspaceId: null, userId: access.principal.userId }] } });
  if (!t) throw new AppError("not_found", "API token was not found.");
  const isAdmin = access.role === "owner" || access.role === "admin";
  if (t.userId !== access.principal.userId && !isAdmin) throw new AppError("forbidden", "Only admins can revoke other people's tokens.");
  if (t.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actor: access.actor, action: "token.revoked", resourceType: "api_token", resourceId: id, workspaceId: access.workspace.id, before: { name: t.name, prefix: t.prefix } });
  });
}

import type { Db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { hashPassword, passwordSchema } from "@/lib/auth/password";
import { hashToken, tokenDisplayPrefix, TOKEN_PREFIX } from "@/lib/auth/tokens";
import { SYSTEM_ACTOR } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { TOKEN_SCOPES } from "@/lib/rbac/permissions";

/**
 * Headless set-up for scripted installs and CI: create the STUDIO_INIT_* owner, workspace and API token when they
 * do not exist yet. Changes nothing that exists. Returns what it created, for the start-up log.
 */
export async function initFromEnv(db: Db, env: Env): Promise<string[]> {
  const email = env.STUDIO_INIT_USER_EMAIL?.toLowerCase();
  if (!email) return [];
  const created: string[] = [];
  await db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { email } });
    if (!user) {
      const password = passwordSchema.safeParse(env.STUDIO_INIT_USER_PASSWORD ?? "");
      if (!password.success) {
        throw new Error(`STUDIO_INIT_USER_PASSWORD: ${password.error.issues[0]?.message ?? "required"}`);
      }
      user = await tx.user.create({ data: { email, name: email.split("@")[0], passwordHash: await hashPassword(password.data) } });
      await recordAudit(tx, { actor: SYSTEM_ACTOR, action: "user.created", resourceType: "user", resourceId: user.id, after: { email }, metadata: { via: "STUDIO_INIT_USER_EMAIL" } });
      created.push(`user ${email}`);
    }
    const slug = env.STUDIO_INIT_WORKSPACE;
    if (!slug) return;
    let ws = await tx.workspace.findUnique({ where: { slug } });
    if (!ws) {
      ws = await tx.workspace.create({ data: { slug, name: slug } });
      await tx.membership.create({ data: { workspaceId: ws.id, userId: user.id, role: "owner" } });
      await recordAudit(tx, { actor: SYSTEM_ACTOR, action: "workspace.created", resourceType: "workspace", resourceId: ws.id, workspaceId: ws.id, after: { slug, name: slug, owner: user.id }, metadata: { via: "STUDIO_INIT_WORKSPACE" } });
      created.push(`workspace ${slug}`);
    }
    const secret = env.STUDIO_INIT_API_TOKEN;
    if (!secret) return;
    if (!secret.startsWith(TOKEN_PREFIX)) throw new Error(`STUDIO_INIT_API_TOKEN must start with ${TOKEN_PREFIX}`);
    const tokenHash = hashToken(secret);
    if (await tx.apiToken.findUnique({ where: { tokenHash } })) return;
    if (!(await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: ws.id, userId: user.id } } }))) {
      // Someone else's workspace: a token bound to it would be refused by authorize() on every call.
      throw new Error(`STUDIO_INIT_API_TOKEN: the workspace \`${slug}\` already exists and ${email} is not a member of it`);
    }
    const token = await tx.apiToken.create({
      data: { workspaceId: ws.id, userId: user.id, name: "STUDIO_INIT_API_TOKEN", prefix: tokenDisplayPrefix(secret), tokenHash, scopes: [...TOKEN_SCOPES] },
    });
    await recordAudit(tx, { actor: SYSTEM_ACTOR, action: "token.created", resourceType: "api_token", resourceId: token.id, workspaceId: ws.id, after: { name: token.name, scopes: token.scopes } });
    created.push(`API token ${token.prefix}…`);
  });
  return created;
}

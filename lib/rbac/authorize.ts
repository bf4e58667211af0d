import type { DbTx } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Principal, RequestMeta } from "@/lib/auth/principal";
import { actorFromPrincipal, type AuditActor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { roleCan, tokenScopesAllow, type Scope } from "@/lib/rbac/permissions";

export interface WorkspaceAccess {
  principal: Principal;
  workspace: { id: string; slug: string; name: string };
  role: Role;
  actor: AuditActor;
}

const TOUCH_EVERY_MS = 5 * 60_000;

export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw new AppError("unauthenticated", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  return principal;
}

/**
 * THE authorization check: every page, server action and API handler that touches workspace data calls it.
 * Deny by default. The role is read from the database on every call, so a changed role applies at once.
 * A workspace the principal is not a member of is reported as not found, so its existence does not leak.
 */
export async function authorize(
  db: DbTx,
  args: { principal: Principal | null; meta: RequestMeta; scope: Scope } & ({ slug: string } | { workspaceId: string }),
): Promise<WorkspaceAccess> {
  const principal = requirePrincipal(args.principal);
  const where = "slug" in args ? { slug: args.slug } : { id: args.workspaceId };
  const label = "slug" in args ? `Workspace \`${args.slug}\`` : "The workspace";
  const workspace = await db.workspace.findUnique({ where, select: { id: true, slug: true, name: true } });
  if (!workspace) throw new AppError("not_found", `${label} was not found.`);
  if (principal.kind === "token" && principal.workspaceId && principal.workspaceId !== workspace.id) {
    throw new AppError("not_found", `${label} was not found.`);
  }
  const membership = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: workspace.id, userId: principal.userId } },
  });
  if (!membership) throw new AppError("not_found", `${label} was not found.`);
  if (!roleCan(membership.role, args.scope)) {
    throw new AppError("forbidden", `Your role in this workspace (${membership.role}) does not allow ${args.scope}.`, {
      role: membership.role,
      required: args.scope,
    });
  }
  if (principal.kind === "token" && !tokenScopesAllow(principal.scopes, args.scope)) {
    throw new AppError("forbidden", `This API token's scopes (${principal.scopes.join(", ") || "none"}) do not allow ${args.scope}.`, {
      scopes: principal.scopes,
      required: args.scope,
    });
  }
  if (!membership.lastActiveAt || Date.now() - membership.lastActiveAt.getTime() > TOUCH_EVERY_MS) {
    await db.membership.update({ where: { id: membership.id }, data: { lastActiveAt: new Date() } }).catch(() => undefined);
  }
  return { principal, workspace, role: membership.role, actor: actorFromPrincipal(principal, args.meta) };
}

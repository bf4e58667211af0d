import { z } from "zod";
import type { Db, DbTx } from "@/lib/db";
import type { Principal, RequestMeta } from "@/lib/auth/principal";
import { actorFromPrincipal } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { firstUserId, instanceAdminEmails } from "@/lib/instance/is-instance-admin";

export const adminListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().describe("search in e-mail and name (users), or name and slug (workspaces)"),
  cursor: z.string().max(100).optional().describe("the nextCursor of a previous page"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AdminListQuery = z.infer<typeof adminListQuerySchema>;

export const adminWorkspaceViewSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  members: z.number().int(),
  runs: z.number().int(),
  specs: z.number().int(),
  createdAt: z.string(),
});
export type AdminWorkspaceView = z.infer<typeof adminWorkspaceViewSchema>;

export const adminUserViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
  instanceAdmin: z.boolean(),
  hasPassword: z.boolean(),
  workspaces: z.number().int(),
  activeSessions: z.number().int(),
  lastSeenAt: z.string().nullable(),
});
export type AdminUserView = z.infer<typeof adminUserViewSchema>;

/** Prisma passes contains values into LIKE as they are: make % and _ (and the escape, \\) match literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Keyset page over (createdAt, id): oldest first, so the first account (an instance admin) leads the list. */
function page<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

async function cursorWhere(find: (id: string) => Promise<{ createdAt: Date } | null>, cursor?: string) {
  if (!cursor) return {};
  const at = await find(cursor);
  if (!at) throw new AppError("validation_failed", "`cursor` must be the nextCursor of a previous page.", { field: "cursor" });
  return { OR: [{ createdAt: { gt: at.createdAt } }, { createdAt: at.createdAt, id: { gt: cursor } }] };
}

export async function listAllWorkspaces(db: DbTx, q: AdminListQuery) {
  const after = await cursorWhere((id) => db.workspace.findUnique({ where: { id }, select: { createdAt: true } }), q.cursor);
  const term = q.q ? likeLiteral(q.q) : "";
  const search = term ? { OR: [{ name: { contains: term, mode: "insensitive" as const } }, { slug: { contains: term.toLowerCase() } }] } : {};
  const where = { AND: [after, search] };
  const [rows, total] = await Promise.all([
    db.workspace.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: q.limit + 1,
      select: { id: true, slug: true, name: true, createdAt: true, _count: { select: { memberships: true, runs: true, specs: true } } },
    }),
    db.workspace.count({ where: search }),
  ]);
  const { items, nextCursor } = page(rows, q.limit);
  const workspaces: AdminWorkspaceView[] = items.map((w) => ({
    id: w.id,
    slug: w.slug,
    name: w.name,
    members: w._count.memberships,
    runs: w._count.runs,
    specs: w._count.specs,
    createdAt: w.createdAt.toISOString(),
  }));
  return { workspaces, total, nextCursor };
}

export async function listAllUsers(db: DbTx, q: AdminListQuery) {
  const after = await cursorWhere((id) => db.user.findUnique({ where: { id }, select: { createdAt: true } }), q.cursor);
  const term = q.q ? likeLiteral(q.q) : "";
  const search = term ? { OR: [{ email: { contains: term.toLowerCase() } }, { name: { contains: term, mode: "insensitive" as const } }] } : {};
  const where = { AND: [after, search] };
  const now = new Date();
  const [rows, total, first] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: q.limit + 1,
      select: {
        id: true,
        email: true,
        name: true,
        createdAt: true,
        disabledAt: true,
        passwordHash: true,
        _count: { select: { memberships: true, sessions: { where: { expiresAt: { gt: now } } } } },
      },
    }),
    db.user.count({ where: search }),
    firstUserId(db),
  ]);
  const { items, nextCursor } = page(rows, q.limit);
  const seen = items.length
    ? await db.session.groupBy({ by: ["userId"], where: { userId: { in: items.map((u) => u.id) } }, _max: { lastSeenAt: true } })
    : [];
  const lastSeen = new Map(seen.map((s) => [s.userId, s._max.lastSeenAt]));
  const admins = instanceAdminEmails();
  const users: AdminUserView[] = items.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    createdAt: u.createdAt.toISOString(),
    disabledAt: u.disabledAt?.toISOString() ?? null,
    instanceAdmin: u.id === first || admins.has(u.email.toLowerCase()),
    hasPassword: u.passwordHash !== null,
    workspaces: u._count.memberships,
    activeSessions: u._count.sessions,
    lastSeenAt: lastSeen.get(u.id)?.toISOString() ?? null,
  }));
  return { users, total, nextCursor };
}

/**
 * Disable or enable an account. Disabling ends every session of the account at once (its browsers are signed out at
 * their next request); sign-in and the account's API tokens are refused while disabledAt is set (next-auth-options,
 * principalFromSession, principalFromToken). Recorded as user.disabled / user.enabled on the instance audit chain.
 * Setting the state it already has changes nothing and records nothing. Nobody can disable their own account.
 */
export async function setUserDisabled(db: Db, principal: Principal, meta: RequestMeta, userId: string, disabled: boolean) {
  if (disabled && userId === principal.userId) {
    throw new AppError("conflict", "You cannot disable your own account: ask another instance admin.");
  }
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    if (!locked) throw new AppError("not_found", "User was not found.");
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    if ((user.disabledAt !== null) === disabled) {
      return { user: { id: user.id, email: user.email, disabledAt: user.disabledAt?.toISOString() ?? null }, changed: false, sessionsEnded: 0 };
    }
    const disabledAt = disabled ? new Date() : null;
    await tx.user.update({ where: { id: userId }, data: { disabledAt } });
    const sessionsEnded = disabled ? (await tx.session.deleteMany({ where: { userId } })).count : 0;
    await recordAudit(tx, {
      actor: actorFromPrincipal(principal, meta),
      action: disabled ? "user.disabled" : "user.enabled",
      resourceType: "user",
      resourceId: userId,
      before: { email: user.email, disabledAt: user.disabledAt },
      after: { email: user.email, disabledAt },
      metadata: disabled ? { sessionsEnded } : null,
    });
    return { user: { id: user.id, email: user.email, disabledAt: disabledAt?.toISOString() ?? null }, changed: true, sessionsEnded };
  });
}

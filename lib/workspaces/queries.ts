import type { DbTx } from "@/lib/db";

/** The workspaces a user belongs to, with their role, by name. */
export async function listWorkspacesForUser(db: DbTx, userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    include: { workspace: { select: { id: true, slug: true, name: true } } },
    orderBy: { workspace: { name: "asc" } },
  });
  return rows.map((m) => ({ ...m.workspace, role: m.role }));
}

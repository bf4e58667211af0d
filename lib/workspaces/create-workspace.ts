import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { slugify, type CreateWorkspaceInput } from "@/lib/workspaces/schemas";

/** Create a workspace owned by `userId`. Throws conflict when the slug is taken. */
export async function createWorkspace(db: Db, args: { userId: string; actor: AuditActor; input: CreateWorkspaceInput }) {
  const slug = args.input.slug ?? slugify(args.input.name);
  try {
    return await db.$transaction(async (tx) => {
      const ws = await tx.workspace.create({ data: { slug, name: args.input.name } });
      await tx.membership.create({ data: { workspaceId: ws.id, userId: args.userId, role: "owner" } });
      await recordAudit(tx, {
        actor: args.actor,
        action: "workspace.created",
        resourceType: "workspace",
        resourceId: ws.id,
        workspaceId: ws.id,
        after: { slug: ws.slug, name: ws.name, owner: args.userId },
      });
      return { id: ws.id, slug: ws.slug, name: ws.name, role: "owner" as const };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("conflict", `The address \`${slug}\` is taken; choose another.`, { field: "slug" });
    }
    throw err;
  }
}

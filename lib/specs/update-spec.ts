import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { recordAudit } from "@/lib/audit/record";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { setDocumentText } from "@/lib/specs/set-document-text";
import { getSpecOrThrow } from "@/lib/specs/queries";
import type { z } from "zod";
import type { updateSpecSchema } from "@/lib/specs/schemas";

/**
 * Rename, archive/unarchive, or replace the text of a spec. Text goes through the live document, so open editors
 * see it; renames and archiving are audited. Throws not_found, conflict (name taken, or editing an archived spec).
 */
export async function updateSpec(db: Db, access: WorkspaceAccess, specId: string, input: z.infer<typeof updateSpecSchema>) {
  const spec = await getSpecOrThrow(db, access.workspace.id, specId);
  const archived = spec.archivedAt !== null;
  if (input.content !== undefined) {
    if (archived && input.archived !== false) throw new AppError("conflict", "This spec is archived: unarchive it to edit.");
    await setDocumentText(specId, input.content, access.principal.userId);
  }
  if ((input.name !== undefined && input.name !== spec.name) || (input.archived !== undefined && input.archived !== archived)) {
    try {
      await db.$transaction(async (tx) => {
        const updated = await tx.spec.update({
          where: { id: specId },
          data: {
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.archived !== undefined ? { archivedAt: input.archived ? new Date() : null } : {}),
          },
        });
        if (input.name !== undefined && input.name !== spec.name) {
          await recordAudit(tx, { actor: access.actor, action: "spec.renamed", resourceType: "spec", resourceId: specId, workspaceId: access.workspace.id, before: { name: spec.name }, after: { name: updated.name } });
        }
        if (input.archived !== undefined && input.archived !== archived) {
          await recordAudit(tx, { actor: access.actor, action: input.archived ? "spec.archived" : "spec.unarchived", resourceType: "spec", resourceId: specId, workspaceId: access.workspace.id, before: { archived }, after: { archived: input.archived } });
        }
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError("conflict", `A spec named "${input.name}" already exists in this workspace.`, { field: "name" });
      throw err;
    }
  }
  return getSpecOrThrow(db, access.workspace.id, specId);
}

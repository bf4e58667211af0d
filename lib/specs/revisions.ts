import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { recordAudit } from "@/lib/audit/record";
import { getRoom } from "@/lib/collab/rooms";
import { validateSpec } from "@/lib/specs/format";
import { getRevisionOrThrow, getSpecOrThrow } from "@/lib/specs/queries";
import { setDocumentText } from "@/lib/specs/set-document-text";

async function insertRevision(db: Db, access: WorkspaceAccess, specId: string, content: string, message: string, restoredFrom?: { id: string; number: number }) {
  const { valid, diagnostics } = validateSpec(content);
  return db.$transaction(async (tx) => {
    // The spec row's lock numbers revisions without gaps or duplicates.
    await tx.$queryRaw`SELECT id FROM specs WHERE id = ${specId} FOR UPDATE`;
    const last = await tx.specRevision.findFirst({ where: { specId }, orderBy: { number: "desc" }, select: { number: true } });
    const rev = await tx.specRevision.create({
      data: {
        specId,
        workspaceId: access.workspace.id,
        number: (last?.number ?? 0) + 1,
        content,
        contentHash: createHash("sha256").update(content).digest("hex"),
        message,
        valid,
        diagnostics: diagnostics as never,
        authorId: access.principal.userId,
        authorLabel: access.principal.name || access.principal.email,
        restoredFromId: restoredFrom?.id ?? null,
      },
    });
    await recordAudit(tx, {
      actor: access.actor,
      action: restoredFrom ? "spec.revision_restored" : "spec.revision_saved",
      resourceType: "spec_revision",
      resourceId: rev.id,
      workspaceId: access.workspace.id,
      after: { specId, number: rev.number, message, valid, contentHash: rev.contentHash },
      metadata: restoredFrom ? { restoredFrom: restoredFrom.number } : undefined,
    });
    return rev;
  });
}

/** Snapshot the live text as a new revision (valid or not: an invalid draft is still kept). Throws not_found. */
export async function saveRevision(db: Db, access: WorkspaceAccess, specId: string, message: string) {
  await getSpecOrThrow(db, access.workspace.id, specId);
  const room = await getRoom(specId);
  const content = await room.flushContent();
  return insertRevision(db, access, specId, content, message);
}

/** Put an old revision's text back into the live document and record it as a new revision. Throws not_found. */
export async function restoreRevision(db: Db, access: WorkspaceAccess, specId: string, revisionId: string) {
  await getSpecOrThrow(db, access.workspace.id, specId);
  const old = await getRevisionOrThrow(db, specId, revisionId);
  const content = await setDocumentText(specId, old.content, access.principal.userId);
  return insertRevision(db, access, specId, content, `Restored revision #${old.number}`, { id: old.id, number: old.number });
}

import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { AppError } from "@/lib/errors";
import { applyClientUpdate, getRoom } from "@/lib/collab/rooms";
import { collabUpdateSchema } from "@/lib/collab/schemas";
import { fromBase64 } from "@/lib/collab/doc-codec";
import { getSpecOrThrow } from "@/lib/specs/queries";

/** An editor's document update. Reviewers and viewers are refused here, whatever their client sends. */
export const POST = workspaceRoute<{ slug: string; specId: string }>("spec:write", async ({ req, db, access, params, principal }) => {
  const spec = await getSpecOrThrow(db, access.workspace.id, params.specId);
  if (spec.archivedAt) throw new AppError("conflict", "This spec is archived: unarchive it to edit.");
  const { update } = await parseJsonBody(req, collabUpdateSchema, 2_100_000);
  const room = await getRoom(spec.id);
  // Invalid bytes are a 400 from applyClientUpdate; anything else (the database) stays a 5xx, so clients retry.
  await applyClientUpdate(room, fromBase64(update), principal.userId);
  return new Response(null, { status: 204 });
});

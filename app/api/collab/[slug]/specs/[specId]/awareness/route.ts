import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { AppError } from "@/lib/errors";
import { applyClientAwareness, getRoom } from "@/lib/collab/rooms";
import { collabUpdateSchema } from "@/lib/collab/schemas";
import { fromBase64 } from "@/lib/collab/doc-codec";
import { getSpecOrThrow } from "@/lib/specs/queries";

/** Presence (name, colour, cursor): every reader may share theirs, so viewers show up too. */
export const POST = workspaceRoute<{ slug: string; specId: string }>("spec:read", async ({ req, db, access, params }) => {
  const spec = await getSpecOrThrow(db, access.workspace.id, params.specId);
  const { update } = await parseJsonBody(req, collabUpdateSchema, 64_000);
  const room = await getRoom(spec.id);
  try {
    applyClientAwareness(room, fromBase64(update));
  } catch {
    throw new AppError("bad_request", "The presence update is not a valid awareness update.");
  }
  return new Response(null, { status: 204 });
});

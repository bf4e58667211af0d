import { resourceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { deleteComment, toCommentView, updateComment } from "@/lib/review/comments";
import { moduleWorkspaceId } from "@/lib/review/modules";
import { updateCommentSchema } from "@/lib/review/schemas";

type P = { moduleId: string; commentId: string };
const ws = (db: Parameters<typeof moduleWorkspaceId>[0], p: P) => moduleWorkspaceId(db, p.moduleId);

/** Edit your comment's body, or resolve / reopen its thread. */
export const PATCH = resourceRoute<P>("review:comment", ws, async ({ req, db, access, params }) => ({
  comment: toCommentView(await updateComment(db, access, params.moduleId, params.commentId, await parseJsonBody(req, updateCommentSchema))),
}));

export const DELETE = resourceRoute<P>("review:comment", ws, async ({ db, access, params }) => {
  await deleteComment(db, access, params.moduleId, params.commentId);
  return new Response(null, { status: 204 });
});

import { resourceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { addComment, listComments, toCommentView } from "@/lib/review/comments";
import { getModuleOrThrow, moduleWorkspaceId } from "@/lib/review/modules";
import { createCommentSchema } from "@/lib/review/schemas";

type P = { moduleId: string };
const ws = (db: Parameters<typeof moduleWorkspaceId>[0], p: P) => moduleWorkspaceId(db, p.moduleId);

export const GET = resourceRoute<P>("review:read", ws, async ({ db, access, params }) => {
  await getModuleOrThrow(db, access.workspace.id, params.moduleId);
  return { comments: await listComments(db, params.moduleId) };
});

export const POST = resourceRoute<P>("review:comment", ws, async ({ req, db, access, params }) =>
  Response.json({ comment: toCommentView(await addComment(db, access, params.moduleId, await parseJsonBody(req, createCommentSchema))) }, { status: 201 }),
);

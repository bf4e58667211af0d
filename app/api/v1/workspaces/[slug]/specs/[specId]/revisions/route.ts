import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { getSpecOrThrow, listRevisions } from "@/lib/specs/queries";
import { saveRevision } from "@/lib/specs/revisions";
import { createRevisionSchema } from "@/lib/specs/schemas";
import { toRevisionView } from "@/lib/specs/views";

type P = { slug: string; specId: string };

export const GET = workspaceRoute<P>("spec:read", async ({ db, access, params }) => {
  await getSpecOrThrow(db, access.workspace.id, params.specId);
  return { revisions: (await listRevisions(db, params.specId)).map((r) => toRevisionView(r)) };
});

export const POST = workspaceRoute<P>("spec:write", async ({ req, db, access, params }) => {
  const { message } = await parseJsonBody(req, createRevisionSchema);
  return Response.json({ revision: toRevisionView(await saveRevision(db, access, params.specId, message), true) }, { status: 201 });
});

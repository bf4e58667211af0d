import { workspaceRoute } from "@/lib/api/handler";
import { getRevisionOrThrow, getSpecOrThrow } from "@/lib/specs/queries";
import { toRevisionView } from "@/lib/specs/views";

export const GET = workspaceRoute<{ slug: string; specId: string; revisionId: string }>("spec:read", async ({ db, access, params }) => {
  await getSpecOrThrow(db, access.workspace.id, params.specId);
  return { revision: toRevisionView(await getRevisionOrThrow(db, params.specId, params.revisionId), true) };
});

import { workspaceRoute } from "@/lib/api/handler";
import { restoreRevision } from "@/lib/specs/revisions";
import { toRevisionView } from "@/lib/specs/views";

export const POST = workspaceRoute<{ slug: string; specId: string; revisionId: string }>("spec:write", async ({ db, access, params }) =>
  Response.json({ revision: toRevisionView(await restoreRevision(db, access, params.specId, params.revisionId), true) }, { status: 201 }),
);

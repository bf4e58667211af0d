import { resourceRoute } from "@/lib/api/handler";
import { getRunOrThrow, runWorkspaceId } from "@/lib/runs/queries";
import { runReview } from "@/lib/review/views";

export const GET = resourceRoute<{ runId: string }>("review:read", (db, p) => runWorkspaceId(db, p.runId), async ({ db, access, params }) =>
  runReview(db, await getRunOrThrow(db, access.workspace.id, params.runId)),
);

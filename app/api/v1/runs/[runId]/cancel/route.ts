import { resourceRoute } from "@/lib/api/handler";
import { cancelRun } from "@/lib/runs/cancel-run";
import { runWorkspaceId } from "@/lib/runs/queries";
import { toRunSummary } from "@/lib/runs/views";

export const POST = resourceRoute<{ runId: string }>("run:cancel", (db, p) => runWorkspaceId(db, p.runId), async ({ db, access, params }) => ({
  run: toRunSummary(await cancelRun(db, access, params.runId)),
}));

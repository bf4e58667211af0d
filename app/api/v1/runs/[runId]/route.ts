import { resourceRoute } from "@/lib/api/handler";
import { getRunOrThrow, runWorkspaceId } from "@/lib/runs/queries";
import { toRunDetail } from "@/lib/runs/views";

type P = { runId: string };

export const GET = resourceRoute<P>("run:read", (db, p) => runWorkspaceId(db, p.runId), async ({ db, access, params }) => {
  const run = await getRunOrThrow(db, access.workspace.id, params.runId);
  const steps = await db.runStep.findMany({ where: { runId: run.id } });
  return { run: toRunDetail(run, steps) };
});

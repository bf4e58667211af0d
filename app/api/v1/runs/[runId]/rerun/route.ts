import { resourceRoute } from "@/lib/api/handler";
import { getRunOrThrow, runWorkspaceId } from "@/lib/runs/queries";
import { rerunRun } from "@/lib/runs/rerun-run";
import { toRunSummary } from "@/lib/runs/views";

export const POST = resourceRoute<{ runId: string }>("run:trigger", (db, p) => runWorkspaceId(db, p.runId), async ({ req, db, access, params }) => {
  const { run, created } = await rerunRun(db, access, params.runId, req.headers.get("idempotency-key") ?? undefined);
  return Response.json({ run: toRunSummary(await getRunOrThrow(db, access.workspace.id, run.id)), created }, { status: created ? 201 : 200 });
});

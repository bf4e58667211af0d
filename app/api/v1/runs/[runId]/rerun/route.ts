import { resourceRoute } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/api/body";
import { getRunOrThrow, runWorkspaceId } from "@/lib/runs/queries";
import { partialRerun } from "@/lib/runs/partial-rerun";
import { rerunRun } from "@/lib/runs/rerun-run";
import { toRunSummary } from "@/lib/runs/views";
import { rerunBodySchema } from "@/lib/runs/schemas";

/** No body: the same revision, provider, model and parameters again. With steps or changedOnly: a partial re-run. */
export const POST = resourceRoute<{ runId: string }>("run:trigger", (db, p) => runWorkspaceId(db, p.runId), async ({ req, db, access, params }) => {
  const key = req.headers.get("idempotency-key") ?? undefined;
  const hasBody = Number(req.headers.get("content-length") ?? 0) > 0 || req.headers.get("transfer-encoding") === "chunked";
  const body = hasBody ? rerunBodySchema.parse(await readJsonBody(req)) : {};
  const { run, created } =
    body.steps?.length || body.changedOnly ? await partialRerun(db, access, params.runId, body.steps, key) : await rerunRun(db, access, params.runId, key);
  return Response.json({ run: toRunSummary(await getRunOrThrow(db, access.workspace.id, run.id)), created }, { status: created ? 201 : 200 });
});

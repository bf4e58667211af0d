import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody, parseQuery } from "@/lib/api/body";
import { AppError } from "@/lib/errors";
import { listRuns, getRunOrThrow } from "@/lib/runs/queries";
import { listRunsQuerySchema, triggerRunSchema } from "@/lib/runs/schemas";
import { triggerRun } from "@/lib/runs/trigger-run";
import { toRunSummary } from "@/lib/runs/views";

export const GET = workspaceRoute("run:read", async ({ req, db, access }) => {
  const { runs, nextCursor } = await listRuns(db, access.workspace.id, parseQuery(req.url, listRunsQuerySchema));
  return { runs: runs.map(toRunSummary), nextCursor };
});

/** Start a run. The same Idempotency-Key returns the same run (200) instead of starting a second one. */
export const POST = workspaceRoute("run:trigger", async ({ req, db, access }) => {
  const key = req.headers.get("idempotency-key") ?? undefined;
  if (key !== undefined && (key.length < 1 || key.length > 200)) throw new AppError("bad_request", "Idempotency-Key must be 1 to 200 characters.");
  const input = await parseJsonBody(req, triggerRunSchema);
  const { run, created } = await triggerRun(db, access, input, { idempotencyKey: key });
  return Response.json({ run: toRunSummary(await getRunOrThrow(db, access.workspace.id, run.id)), created }, { status: created ? 201 : 200 });
});

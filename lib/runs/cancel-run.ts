import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { appendRunEvent, wakeRunStreams } from "@/lib/runs/events";
import { getRunOrThrow } from "@/lib/runs/queries";

/**
 * Cancel a queued or running run: waiting steps are cancelled now, and running steps lose their claim, so their
 * workers stop within a second or two and write nothing more. Throws not_found, conflict when already finished.
 */
export async function cancelRun(db: Db, access: WorkspaceAccess, runId: string) {
  const run = await getRunOrThrow(db, access.workspace.id, runId);
  if (!["queued", "running"].includes(run.status)) throw new AppError("conflict", `Run #${run.number} already ${run.status}; there is nothing to cancel.`);
  await db.$transaction(async (tx) => {
    const now = new Date();
    // Step rows before the run row: the order a worker closing a step locks them in (run_step_finish), so the two
    // cannot deadlock. The rows moved are the ones reported, whatever a worker did in between.
    const steps = await tx.$queryRaw<{ step_key: string }[]>`
      UPDATE run_steps SET status = 'cancelled', claim = NULL, finished_at = ${now}
      WHERE run_id = ${runId} AND status IN ('queued', 'retrying', 'running') RETURNING step_key`;
    const moved = await tx.run.updateMany({ where: { id: runId, status: { in: ["queued", "running"] } }, data: { status: "cancelled", cancelRequestedAt: now, finishedAt: now, error: "Cancelled." } });
    if (!moved.count) throw new AppError("conflict", "The run finished while you were cancelling it.");
    for (const s of steps) await appendRunEvent(tx, runId, "step.cancelled", s.step_key, { reason: "run cancelled" });
    await appendRunEvent(tx, runId, "run.cancelled", null, { by: access.actor.label });
    await recordAudit(tx, { actor: access.actor, action: "run.cancelled", resourceType: "run", resourceId: runId, workspaceId: access.workspace.id, before: { status: run.status }, after: { status: "cancelled" } });
  });
  wakeRunStreams(runId);
  return getRunOrThrow(db, access.workspace.id, runId);
}

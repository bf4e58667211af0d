import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import { flowModule } from "@/lib/runs/flow-module";
import { revisionSpec } from "@/lib/runs/revision-spec";
import { appendRunEvent, wakeRunStreams } from "@/lib/runs/events";
import { FLOW_STEP_KEY } from "@/lib/runs/schemas";

const FINAL = ["succeeded", "failed", "cancelled"];
export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * Close a run once every step is final: write the flow module and succeed, or fail naming the failed steps.
 * Safe to call from every step's worker: the run row's lock lets exactly one of them close it.
 */
export async function maybeCompleteRun(db: Db, runId: string): Promise<void> {
  const pending = await db.runStep.count({ where: { runId, stepKey: { not: FLOW_STEP_KEY }, status: { notIn: FINAL } } });
  if (pending > 0) return;
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  if (FINAL.includes(run.status)) return;
  const spec = (await revisionSpec(db, run.revisionId))!;
  const flow = await flowModule(run.revisionId, spec);
  const findings = flow.findings;
  await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: string; cancel_requested_at: Date | null }[]>`SELECT status, cancel_requested_at FROM runs WHERE id = ${runId} FOR UPDATE`;
    if (FINAL.includes(locked.status)) return;
    const steps = await tx.runStep.findMany({ where: { runId, stepKey: { not: FLOW_STEP_KEY } } });
    if (steps.some((s) => !FINAL.includes(s.status))) return;
    const failed = steps.filter((s) => s.status !== "succeeded");
    const flowStep = await tx.runStep.findUniqueOrThrow({ where: { runId_stepKey: { runId, stepKey: FLOW_STEP_KEY } } });
    const now = new Date();
    if (failed.length === 0) {
      await tx.module.createMany({
        data: [{ runId, workspaceId: run.workspaceId, stepKey: FLOW_STEP_KEY, role: "flow", path: flow.path, language: flow.language, content: flow.content, contentHash: sha256(flow.content), findings: findings as never, stepHash: flow.stepHash }],
        skipDuplicates: true,
      });
      await tx.runStep.update({ where: { id: flowStep.id }, data: { status: "succeeded", startedAt: now, finishedAt: now } });
      await appendRunEvent(tx, runId, "module.written", FLOW_STEP_KEY, { path: flow.path, role: "flow", findings: findings.length });
      await appendRunEvent(tx, runId, "step.succeeded", FLOW_STEP_KEY, { scaffolded: true });
      await tx.run.update({ where: { id: runId }, data: { status: "succeeded", finishedAt: now } });
      await appendRunEvent(tx, runId, "run.succeeded", null, { modules: (await tx.module.count({ where: { runId } })) });
      return;
    }
    const cancelled = locked.cancel_requested_at !== null;
    const reason = cancelled
      ? "Cancelled."
      : `${failed.length} of ${steps.length} steps failed: ${failed.map((s) => `${s.stepKey} (${s.error ?? s.status})`).join("; ")}`;
    await tx.runStep.update({ where: { id: flowStep.id }, data: { status: "cancelled", finishedAt: now, error: "Not written: not every step succeeded." } });
    await appendRunEvent(tx, runId, "step.cancelled", FLOW_STEP_KEY, { reason: "not every step succeeded" });
    await tx.run.update({ where: { id: runId }, data: { status: cancelled ? "cancelled" : "failed", error: reason, finishedAt: now } });
    await appendRunEvent(tx, runId, cancelled ? "run.cancelled" : "run.failed", null, { reason });
  });
  wakeRunStreams(runId);
}

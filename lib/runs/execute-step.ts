import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db";
import { checkModule } from "@/lib/checks";
import { buildStepPrompt, extractCode } from "@/lib/llm/prompts";
import { createModel, ProviderError, streamStepCompletion } from "@/lib/llm/providers";
import { providerClientConfig } from "@/lib/providers/resolve";
import { enqueueSteps, stepTimeoutMs, type StepJob } from "@/lib/queue/boss";
import { appendRunEvent, appendRunEvents, wakeRunStreams, type ClaimGuard } from "@/lib/runs/events";
import { maybeCompleteRun, sha256 } from "@/lib/runs/complete-run";
import { retryDelayMs, MAX_ATTEMPTS } from "@/lib/runs/retry-policy";
import { TokenBatcher } from "@/lib/runs/token-batcher";
import { revisionSpec } from "@/lib/runs/revision-spec";
import { stepHash } from "@/lib/review/step-hash";

class ClaimLost extends Error {}

/**
 * Work one step job: claim the step, stream the model's answer into run events, check the code, and write its
 * module and test exactly once. Provider faults become retries (with backoff, honouring Retry-After) or a failed
 * step with its reason. A worker that loses its claim (cancel, or another worker took over) stops writing.
 */
export async function executeStep(job: StepJob): Promise<void> {
  const db = getDb();
  const claim = randomUUID();
  const claimed = await db.$queryRaw<{ step_key: string; attempts: number }[]>`
    UPDATE run_steps s SET status = 'running', attempts = s.attempts + 1, claim = ${claim}, error = NULL,
      started_at = COALESCE(s.started_at, now())
    FROM runs r
    WHERE s.id = ${job.stepId} AND r.id = s.run_id AND s.status IN ('queued', 'retrying', 'running')
      AND r.status IN ('queued', 'running') AND r.cancel_requested_at IS NULL
    RETURNING s.step_key, s.attempts`;
  if (!claimed.length) {
    // Already done, cancelled, or re-delivered after its worker died past the end: the run may still need closing.
    await maybeCompleteRun(db, job.runId);
    return;
  }
  const { step_key: stepKey, attempts } = claimed[0];
  const guard: ClaimGuard = { stepId: job.stepId, claim };
  const run = await db.run.findUniqueOrThrow({ where: { id: job.runId } });
  // Only the run's first step finds it queued: the others skip the round trip.
  const started = run.status === "queued" ? await db.run.updateMany({ where: { id: run.id, status: "queued" }, data: { status: "running", startedAt: new Date() } }) : { count: 0 };
  if (started.count) await appendRunEvent(db, run.id, "run.started", null, {});
  await appendRunEvent(db, run.id, "step.started", stepKey, { attempt: attempts }, guard);

  const controller = new AbortController();
  const stepTimer = setTimeout(() => controller.abort(new ProviderError("timeout", `the step took longer than ${stepTimeoutMs() / 1000} s`)), stepTimeoutMs());
  const cancelWatch = setInterval(() => {
    void db.runStep
      .findUnique({ where: { id: job.stepId }, select: { claim: true } })
      .then((s) => {
        if (s?.claim !== claim) controller.abort(new ClaimLost());
      })
      .catch(() => undefined);
  }, 1000);
  let wrote = false;
  const tokens = new TokenBatcher(async (text) => {
    const seq = await appendRunEvent(db, run.id, "token", stepKey, { attempt: attempts, text }, guard);
    if (seq === null) controller.abort(new ClaimLost());
  });
  try {
    const spec = await revisionSpec(db, run.revisionId);
    if (!spec) throw new ProviderError("bad_request", "The run's revision no longer validates.", { retryable: false });
    const prompt = buildStepPrompt(spec, stepKey);
    const params = run.parameters as { maxOutputTokens?: number; prices?: { inputPerMillion: number; outputPerMillion: number } | null };
    const model = createModel(await providerClientConfig(db, run.providerId, run.model));
    await appendRunEvent(db, run.id, "llm.call_started", stepKey, { attempt: attempts, provider: run.providerName, model: run.model, system: prompt.system, prompt: prompt.user, parameters: run.parameters }, guard);
    const completion = await streamStepCompletion({
      model,
      prompt,
      signal: controller.signal,
      onChunk: (t) => tokens.push(t),
      timeoutMs: Number(process.env.STUDIO_STALL_TIMEOUT_MS ?? 60_000),
      maxOutputTokens: params.maxOutputTokens,
    });
    await tokens.flush();
    const code = extractCode(completion.text, spec.language);
    if (!code.module.trim()) throw new ProviderError("empty", "The model's answer held no code.", { retryable: true });
    const prices = params.prices;
    const costUsd = prices ? (completion.usage.inputTokens * prices.inputPerMillion + completion.usage.outputTokens * prices.outputPerMillion) / 1e6 : 0;
    await appendRunEvent(db, run.id, "llm.call_finished", stepKey, {
      attempt: attempts,
      model: run.model,
      inputTokens: completion.usage.inputTokens,
      outputTokens: completion.usage.outputTokens,
      usageEstimated: completion.usage.estimated,
      costUsd,
      timeToFirstTokenMs: Math.round(completion.timeToFirstTokenMs),
      durationMs: Math.round(completion.durationMs),
      finishReason: completion.finishReason,
      truncated: code.truncated,
      response: completion.text,
      responseMeta: completion.rawResponse ?? null,
    }, guard);
    // Paths come from the spec, never from the model's answer (it could name another step's file, or ../..).
    const files = [
      { role: "module", path: prompt.modulePath, content: code.module },
      ...(code.test.trim() ? [{ role: "test", path: prompt.testPath, content: code.test }] : []),
    ];
    const checked = await Promise.all(files.map(async (f) => ({ ...f, findings: await checkModule({ path: f.path, language: spec.language, content: f.content }) })));
    wrote = await db.$transaction(async (tx) => {
      const done = await tx.runStep.updateMany({
        where: { id: job.stepId, claim },
        data: { status: "succeeded", claim: null, finishedAt: new Date(), inputTokens: { increment: completion.usage.inputTokens }, outputTokens: { increment: completion.usage.outputTokens }, costUsd: { increment: costUsd } },
      });
      if (!done.count) return false;
      await tx.module.createMany({
        data: checked.map((f) => ({ runId: run.id, workspaceId: run.workspaceId, stepKey, role: f.role, path: f.path, language: spec.language, content: f.content, contentHash: sha256(f.content), findings: f.findings as never, stepHash: stepHash(spec, stepKey) })),
        skipDuplicates: true,
      });
      await tx.run.update({ where: { id: run.id }, data: { inputTokens: { increment: completion.usage.inputTokens }, outputTokens: { increment: completion.usage.outputTokens }, costUsd: { increment: costUsd } } });
      await appendRunEvents(tx, run.id, [
        ...checked.map((f) => ({ type: "module.written" as const, stepKey, data: { path: f.path, role: f.role, findings: f.findings.length } })),
        { type: "step.succeeded", stepKey, data: { attempt: attempts, inputTokens: completion.usage.inputTokens, outputTokens: completion.usage.outputTokens, costUsd } },
      ]);
      return true;
    });
  } catch (raw) {
    await tokens.flush().catch(() => undefined);
    const err = controller.signal.aborted && controller.signal.reason ? controller.signal.reason : raw;
    await handleFailure(job, stepKey, attempts, claim, err);
  } finally {
    clearTimeout(stepTimer);
    clearInterval(cancelWatch);
    tokens.stop();
  }
  // Outside the try: a failure here is not the model's fault; it goes to pg-boss, which retries the job, and the
  // retried job closes the run through the claim-less path above.
  if (wrote) {
    wakeRunStreams(run.id);
    await maybeCompleteRun(db, run.id);
  }
}

async function handleFailure(job: StepJob, stepKey: string, attempts: number, claim: string, err: unknown): Promise<void> {
  const db = getDb();
  if (err instanceof ClaimLost) {
    // Cancelled, or another worker owns the step now: it has nothing more to say here.
    await db.runStep.updateMany({ where: { id: job.stepId, claim, status: "running" }, data: { status: "cancelled", claim: null, finishedAt: new Date() } });
    await maybeCompleteRun(db, job.runId);
    return;
  }
  const pe = err instanceof ProviderError ? err : new ProviderError("server_error", err instanceof Error ? err.message : String(err), { retryable: false });
  const reason = `${pe.kind}: ${pe.message}`;
  await appendRunEvent(db, job.runId, "llm.call_failed", stepKey, { attempt: attempts, kind: pe.kind, message: pe.message, statusCode: pe.statusCode ?? null, retryable: pe.retryable });
  if (pe.retryable && attempts < MAX_ATTEMPTS) {
    const delayMs = retryDelayMs(attempts, pe.retryAfterMs);
    await db.$transaction(async (tx) => {
      const moved = await tx.runStep.updateMany({ where: { id: job.stepId, claim }, data: { status: "retrying", claim: null, error: reason } });
      if (!moved.count) return;
      await appendRunEvent(tx, job.runId, "step.retrying", stepKey, { attempt: attempts, nextAttempt: attempts + 1, delayMs, reason, kind: pe.kind, retryAfterMs: pe.retryAfterMs ?? null });
      await enqueueSteps(tx, [{ ...job, startAfter: new Date(Date.now() + delayMs) }]);
    });
    wakeRunStreams(job.runId);
    return;
  }
  const failed = await db.$transaction(async (tx) => {
    const moved = await tx.runStep.updateMany({ where: { id: job.stepId, claim }, data: { status: "failed", claim: null, error: reason, finishedAt: new Date() } });
    if (moved.count) await appendRunEvent(tx, job.runId, "step.failed", stepKey, { attempt: attempts, reason, kind: pe.kind, attempts });
    return moved.count > 0;
  });
  wakeRunStreams(job.runId);
  if (failed) await maybeCompleteRun(db, job.runId);
}

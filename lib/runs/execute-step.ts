import { randomUUID } from "node:crypto";
import { getDb, getPool } from "@/lib/db";
import { checkModule } from "@/lib/checks";
import { buildStepPrompt, extractCode } from "@/lib/llm/prompts";
import { ProviderError, streamStepCompletion } from "@/lib/llm/providers";
import { enqueueSteps, stepTimeoutMs, type StepJob } from "@/lib/queue/boss";
import { appendRunEvent, appendRunEvents, wakeRunStreams, type ClaimGuard, type NewRunEvent } from "@/lib/runs/events";
import { maybeCompleteRun } from "@/lib/runs/complete-run";
import { flowModule } from "@/lib/runs/flow-module";
import { claimStep, finishStep, type FinishStepResult } from "@/lib/runs/step-sql";
import { stepModel } from "@/lib/runs/step-model";
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
  const pool = getPool();
  const claim = randomUUID();
  const claimed = await claimStep(pool, job.stepId, claim);
  if (!claimed) {
    // Already done, cancelled, or re-delivered after its worker died past the end: the run may still need closing.
    await maybeCompleteRun(db, job.runId);
    return;
  }
  const { stepKey, attempts, run } = claimed;
  const guard: ClaimGuard = { stepId: job.stepId, claim };

  const controller = new AbortController();
  const stepTimer = setTimeout(() => controller.abort(new ProviderError("timeout", `the step took longer than ${stepTimeoutMs() / 1000} s`)), stepTimeoutMs());
  const cancelWatch = setInterval(() => {
    void pool
      .query<{ claim: string | null }>(`SELECT claim FROM run_steps WHERE id = $1`, [job.stepId])
      .then(({ rows }) => {
        if (rows[0]?.claim !== claim) controller.abort(new ClaimLost());
      })
      .catch(() => undefined);
  }, 1000);
  // The step's start events are written while the model call is already on its way; tokens wait for them, so the
  // log keeps its order (set below, before the first token can arrive).
  let startWritten: Promise<unknown> = Promise.resolve();
  const tokens = new TokenBatcher(async (text) => {
    await startWritten;
    const seq = await appendRunEvent(db, run.id, "token", stepKey, { attempt: attempts, text }, guard);
    if (seq === null) controller.abort(new ClaimLost());
  });
  let closed: FinishStepResult | null = null;
  try {
    const startEvents: NewRunEvent[] = [
      ...(claimed.runStarted ? [{ type: "run.started" as const, stepKey: null, data: {} }] : []),
      { type: "step.started", stepKey, data: { attempt: attempts } },
    ];
    const setUp = await (async () => {
      const spec = await revisionSpec(db, run.revisionId);
      if (!spec) throw new ProviderError("bad_request", "The run's revision no longer validates.", { retryable: false });
      return { spec, prompt: buildStepPrompt(spec, stepKey), model: await stepModel(db, run) };
    })().catch(async (err: unknown) => {
      // The timeline still shows the step starting before the reason it failed.
      await appendRunEvents(db, run.id, startEvents, guard);
      throw err;
    });
    const { spec, prompt, model } = setUp;
    const params = run.parameters as { maxOutputTokens?: number; prices?: { inputPerMillion: number; outputPerMillion: number } | null };
    // The step's start and its model call's prompt in one statement, sent as the call starts (one round trip less
    // on every step's path); a lost claim found by it stops the call.
    const started = appendRunEvents(db, run.id, [
      ...startEvents,
      { type: "llm.call_started", stepKey, data: { attempt: attempts, provider: run.providerName, model: run.model, system: prompt.system, prompt: prompt.user, parameters: run.parameters } },
    ], guard).then((seqs) => {
      if (!seqs) throw new ClaimLost();
    });
    startWritten = started;
    started.catch((err: unknown) => controller.abort(err));
    const completion = await streamStepCompletion({
      model,
      prompt,
      signal: controller.signal,
      onChunk: (t) => tokens.push(t),
      timeoutMs: Number(process.env.STUDIO_STALL_TIMEOUT_MS ?? 60_000),
      maxOutputTokens: params.maxOutputTokens,
    });
    const answeredAt = new Date();
    await started;
    // What is still buffered goes out with the step's closing events, in the same statement, dated when it came.
    const rest = await tokens.drain();
    const restEvents = rest ? [{ type: "token" as const, stepKey, data: { attempt: attempts, text: rest }, at: answeredAt }] : [];
    const code = extractCode(completion.text, spec.language);
    const prices = params.prices;
    const costUsd = prices ? (completion.usage.inputTokens * prices.inputPerMillion + completion.usage.outputTokens * prices.outputPerMillion) / 1e6 : 0;
    const callFinished = {
      type: "llm.call_finished" as const,
      stepKey,
      at: answeredAt,
      data: {
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
      },
    };
    if (!code.module.trim()) {
      await appendRunEvents(db, run.id, [...restEvents, callFinished], guard);
      throw new ProviderError("empty", "The model's answer held no code.", { retryable: true });
    }
    // Paths come from the spec, never from the model's answer (it could name another step's file, or ../..).
    const files = [
      { role: "module", path: prompt.modulePath, content: code.module },
      ...(code.test.trim() ? [{ role: "test", path: prompt.testPath, content: code.test }] : []),
    ];
    const hash = stepHash(spec, stepKey);
    const [checked, flow] = await Promise.all([
      Promise.all(files.map(async (f) => ({ ...f, stepKey, language: spec.language, stepHash: hash, findings: await checkModule({ path: f.path, language: spec.language, content: f.content }) }))),
      flowModule(run.revisionId, spec),
    ]);
    closed = await finishStep(pool, {
      runId: run.id,
      stepId: job.stepId,
      claim,
      inputTokens: completion.usage.inputTokens,
      outputTokens: completion.usage.outputTokens,
      costUsd,
      files: checked,
      events: [
        ...restEvents,
        callFinished,
        ...checked.map((f) => ({ type: "module.written" as const, stepKey, data: { path: f.path, role: f.role, findings: f.findings.length } })),
        { type: "step.succeeded", stepKey, data: { attempt: attempts, inputTokens: completion.usage.inputTokens, outputTokens: completion.usage.outputTokens, costUsd } },
      ],
      flow,
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
  if (closed?.finished) {
    wakeRunStreams(run.id);
    // The closing statement succeeds the run itself; a run with failed steps is closed here, once none is pending.
    if (!closed.runClosed && closed.pending === 0) await maybeCompleteRun(db, run.id);
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

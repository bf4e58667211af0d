import type { Db, DbTx } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { recordAudit } from "@/lib/audit/record";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { validateSpec } from "@/lib/specs/format";
import { getSpecOrThrow } from "@/lib/specs/queries";
import { resolveProvider } from "@/lib/providers/resolve";
import { enqueueSteps } from "@/lib/queue/boss";
import { emit } from "@/lib/realtime/bus";
import { appendRunEvent, wakeRunStreams } from "@/lib/runs/events";
import { assertWithinLimits } from "@/lib/runs/limits";
import { FLOW_STEP_KEY, runParametersSchema, type TriggerRunInput } from "@/lib/runs/schemas";

/** A partial re-run: these steps' modules are copied from an earlier run instead of being generated again. */
export interface CarryOver {
  fromRunId: string;
  steps: string[];
}

/**
 * The revision a run (or its estimate) uses: the one asked for, which must be valid, else the latest valid one.
 * Throws not_found, or validation_failed naming the field ("specId" when the spec has no valid revision at all).
 */
export async function pickRevision(db: DbTx, specId: string, revisionId?: string) {
  if (revisionId) {
    const rev = await db.specRevision.findFirst({ where: { id: revisionId, specId } });
    if (!rev) throw new AppError("not_found", "Revision was not found in this spec.");
    if (!rev.valid) {
      throw new AppError("validation_failed", `Revision #${rev.number} is not valid, so it cannot be run. Fix the spec and save a new revision.`, { field: "revisionId" });
    }
    return rev;
  }
  const rev = await db.specRevision.findFirst({ where: { specId, valid: true }, orderBy: { number: "desc" } });
  if (!rev) throw new AppError("validation_failed", "This spec has no valid revision yet. Save a revision whose YAML validates, then run it.", { field: "specId" });
  return rev;
}

/**
 * Start a run of a valid spec revision: the run, its steps, its first events, its audit event and its queue jobs
 * are written in one transaction. The same idempotency key returns the same run. Throws not_found,
 * validation_failed (invalid revision, unknown provider or model) and rate_limited (a limit, named).
 */
export async function triggerRun(
  db: Db,
  access: WorkspaceAccess,
  input: TriggerRunInput,
  opts: { idempotencyKey?: string; rerunOfId?: string; carry?: CarryOver } = {},
): Promise<{ run: { id: string }; created: boolean }> {
  const wsId = access.workspace.id;
  if (opts.idempotencyKey) {
    const existing = await db.run.findFirst({ where: { workspaceId: wsId, idempotencyKey: opts.idempotencyKey }, select: { id: true } });
    if (existing) return { run: existing, created: false };
  }
  const spec = await getSpecOrThrow(db, wsId, input.specId);
  const revision = await pickRevision(db, spec.id, input.revisionId);
  const parsed = validateSpec(revision.content).spec;
  if (!parsed) throw new AppError("validation_failed", `Revision #${revision.number} no longer validates; save a new revision.`);
  const provider = await resolveProvider(db, wsId, { provider: input.provider, model: input.model });
  const parameters = runParametersSchema.parse(input.parameters ?? undefined);
  try {
    const run = await db.$transaction(async (tx) => {
      const [ws] = await tx.$queryRaw<{ id: string; monthly_token_budget: number | null; max_concurrent_runs: number; run_triggers_per_hour: number }[]>`
        SELECT id, monthly_token_budget, max_concurrent_runs, run_triggers_per_hour FROM workspaces WHERE id = ${wsId} FOR UPDATE`;
      await assertWithinLimits(tx, { id: ws.id, monthlyTokenBudget: ws.monthly_token_budget, maxConcurrentRuns: ws.max_concurrent_runs, runTriggersPerHour: ws.run_triggers_per_hour }, access.principal.userId);
      const last = await tx.run.findFirst({ where: { workspaceId: wsId }, orderBy: { number: "desc" }, select: { number: true } });
      const run = await tx.run.create({
        data: {
          workspaceId: wsId,
          number: (last?.number ?? 0) + 1,
          specId: spec.id,
          specName: spec.name,
          revisionId: revision.id,
          revisionNumber: revision.number,
          revisionHash: revision.contentHash,
          status: "queued",
          providerId: provider.providerId,
          providerKind: provider.kind,
          providerName: provider.name,
          model: provider.model,
          parameters: { ...parameters, prices: provider.prices ? { ...provider.prices } : null },
          language: parsed.language,
          triggeredById: access.principal.userId,
          triggeredByLabel: access.actor.label,
          idempotencyKey: opts.idempotencyKey ?? null,
          rerunOfId: opts.rerunOfId ?? null,
        },
      });
      const steps = await Promise.all(
        [...parsed.steps.map((s, i) => ({ key: s.id, position: i, dependsOn: s.dependsOn })), { key: FLOW_STEP_KEY, position: parsed.steps.length, dependsOn: parsed.steps.map((s) => s.id) }].map((s) =>
          tx.runStep.create({ data: { runId: run.id, stepKey: s.key, position: s.position, dependsOn: s.dependsOn, status: "queued" } }),
        ),
      );
      await appendRunEvent(tx, run.id, "run.queued", null, { revision: revision.number, provider: provider.name, model: provider.model, parameters, carriedOver: opts.carry?.steps ?? [] });
      const carried = new Set(opts.carry?.steps ?? []);
      for (const s of steps) await appendRunEvent(tx, run.id, "step.queued", s.stepKey, { position: s.position, dependsOn: s.dependsOn });
      if (opts.carry) await carryOver(tx, run.id, run.workspaceId, opts.carry, steps);
      await recordAudit(tx, {
        actor: access.actor,
        action: opts.rerunOfId ? "run.rerun" : "run.triggered",
        resourceType: "run",
        resourceId: run.id,
        workspaceId: wsId,
        after: { number: run.number, spec: spec.name, revision: revision.number, provider: provider.name, model: provider.model },
        metadata: opts.rerunOfId ? { rerunOf: opts.rerunOfId } : undefined,
      });
      // Every step's module depends only on the spec (its own prose and its dependencies' declared interfaces), so
      // all steps are queued at once; the flow module is written when the last step finishes.
      await enqueueSteps(tx, steps.filter((s) => s.stepKey !== FLOW_STEP_KEY && !carried.has(s.stepKey)).map((s) => ({ runId: run.id, stepId: s.id })));
      return run;
    });
    emit("queue:wake");
    wakeRunStreams(run.id);
    return { run: { id: run.id }, created: true };
  } catch (err) {
    if (opts.idempotencyKey && isUniqueViolation(err)) {
      const existing = await db.run.findFirst({ where: { workspaceId: wsId, idempotencyKey: opts.idempotencyKey }, select: { id: true } });
      if (existing) return { run: existing, created: false };
    }
    throw err;
  }
}

async function carryOver(tx: DbTx, runId: string, workspaceId: string, carry: CarryOver, steps: { id: string; stepKey: string }[]) {
  const modules = await tx.module.findMany({ where: { runId: carry.fromRunId, stepKey: { in: carry.steps } } });
  const now = new Date();
  for (const key of carry.steps) {
    const own = modules.filter((m) => m.stepKey === key);
    const step = steps.find((s) => s.stepKey === key)!;
    await tx.module.createMany({
      data: own.map((m) => ({ runId, workspaceId, stepKey: key, role: m.role, path: m.path, language: m.language, content: m.content, contentHash: m.contentHash, findings: m.findings as never, stepHash: m.stepHash, carriedFromId: m.carriedFromId ?? m.id })),
    });
    await tx.runStep.update({ where: { id: step.id }, data: { status: "succeeded", startedAt: now, finishedAt: now } });
    await appendRunEvent(tx, runId, "step.succeeded", key, { carriedOverFrom: carry.fromRunId, modules: own.length });
  }
}

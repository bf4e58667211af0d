import type { Prisma } from "@/lib/generated/prisma/client";
import { RunEventStore, type RunEventSnapshot } from "@/lib/runs/client/event-store";

type RunRow = Prisma.RunGetPayload<object>;

export function toRunSummary(r: RunRow) {
  return {
    id: r.id,
    number: r.number,
    status: r.status as "queued" | "running" | "succeeded" | "failed" | "cancelled",
    spec: { id: r.specId, name: r.specName, revisionId: r.revisionId, revisionNumber: r.revisionNumber, revisionHash: r.revisionHash },
    provider: { kind: r.providerKind, name: r.providerName, model: r.model, isLlm: r.providerKind !== "offline" },
    triggeredBy: r.triggeredByLabel,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    costUsd: r.costUsd,
    durationMs: r.startedAt && r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    rerunOfId: r.rerunOfId,
  };
}

export function toRunDetail(r: RunRow, steps: Prisma.RunStepGetPayload<object>[]) {
  return {
    ...toRunSummary(r),
    parameters: r.parameters,
    steps: steps
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        key: s.stepKey,
        position: s.position,
        dependsOn: s.dependsOn,
        status: s.status,
        attempts: s.attempts,
        error: s.error,
        inputTokens: s.inputTokens,
        outputTokens: s.outputTokens,
        costUsd: s.costUsd,
        queuedAt: s.queuedAt.toISOString(),
        startedAt: s.startedAt?.toISOString() ?? null,
        finishedAt: s.finishedAt?.toISOString() ?? null,
      })),
  };
}

export function toRunEventView(e: Pick<Prisma.RunEventGetPayload<object>, "seq" | "type" | "stepKey" | "data" | "createdAt">) {
  return { seq: e.seq, type: e.type, step: e.stepKey, at: e.createdAt.toISOString(), data: e.data };
}

export function toModuleView(m: Prisma.ModuleGetPayload<object>) {
  return { id: m.id, runId: m.runId, step: m.stepKey, role: m.role, path: m.path, language: m.language, content: m.content, contentHash: m.contentHash, findings: m.findings, createdAt: m.createdAt.toISOString() };
}

/** The browser's starting copy of a run's log (lib/runs/queries.ts runEventLog), folded the way the page folds it. */
export function toRunEventSnapshot(log: { events: RunEventSnapshot["events"]; lastSeq: number }): RunEventSnapshot {
  const store = new RunEventStore();
  store.apply(log.events);
  return store.snapshot(log.lastSeq);
}

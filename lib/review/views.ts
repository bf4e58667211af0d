import type { DbTx } from "@/lib/db";
import { reviewStates, summarizeRun } from "@/lib/review/status";
import { staleness } from "@/lib/review/modules";

/** A run's modules with their review state, staleness and open threads, and the run's review summary. */
export async function runReview(db: DbTx, run: { id: string; workspaceId: string; specId: string; revisionId: string; revisionNumber: number }) {
  const [modules, ws, threads] = await Promise.all([
    db.module.findMany({ where: { runId: run.id }, orderBy: [{ stepKey: "asc" }, { path: "asc" }] }),
    db.workspace.findUniqueOrThrow({ where: { id: run.workspaceId }, select: { approvalsRequired: true, allowSelfApproval: true } }),
    db.reviewComment.groupBy({ by: ["moduleId"], where: { runId: run.id, parentId: null, resolvedAt: null, deletedAt: null }, _count: true }),
  ]);
  const states = await reviewStates(db, modules, ws.approvalsRequired);
  const open = new Map(threads.map((t) => [t.moduleId, t._count]));
  const items = await Promise.all(
    modules.map(async (m) => ({
      id: m.id,
      path: m.path,
      step: m.stepKey,
      role: m.role,
      language: m.language,
      findings: (m.findings as unknown[]).length,
      carriedOver: m.carriedFromId !== null,
      review: states.get(m.id)!,
      openThreads: open.get(m.id) ?? 0,
      staleness: await staleness(db, { stepKey: m.stepKey, stepHash: m.stepHash, run }),
    })),
  );
  return { settings: ws, summary: summarizeRun(items.map((i) => i.review)), modules: items };
}

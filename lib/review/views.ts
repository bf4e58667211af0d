import type { DbTx } from "@/lib/db";
import { reviewStates, summarizeRun } from "@/lib/review/status";
import { getModuleOrThrow, stalenessJudge } from "@/lib/review/modules";
import { listComments } from "@/lib/review/comments";
import { toModuleView, toRunSummary } from "@/lib/runs/views";

/** A run's modules with their review state, staleness and open threads, and the run's review summary. */
export async function runReview(db: DbTx, run: { id: string; workspaceId: string; specId: string; revisionId: string; revisionNumber: number }) {
  const [modules, ws, threads, judge] = await Promise.all([
    // Not the contents: the tree needs none, and a run's files can be megabytes.
    db.module.findMany({
      where: { runId: run.id },
      orderBy: [{ stepKey: "asc" }, { path: "asc" }],
      select: { id: true, path: true, stepKey: true, role: true, language: true, findings: true, carriedFromId: true, stepHash: true },
    }),
    db.workspace.findUniqueOrThrow({ where: { id: run.workspaceId }, select: { approvalsRequired: true, allowSelfApproval: true } }),
    db.reviewComment.groupBy({ by: ["moduleId"], where: { runId: run.id, parentId: null, resolvedAt: null, deletedAt: null }, _count: true }),
    stalenessJudge(db, run),
  ]);
  const states = await reviewStates(db, modules, ws.approvalsRequired);
  const open = new Map(threads.map((t) => [t.moduleId, t._count]));
  const items = modules.map((m) => ({
    id: m.id,
    path: m.path,
    step: m.stepKey,
    role: m.role,
    language: m.language,
    findings: (m.findings as unknown[]).length,
    carriedOver: m.carriedFromId !== null,
    review: states.get(m.id)!,
    openThreads: open.get(m.id) ?? 0,
    staleness: judge(m),
  }));
  return { settings: ws, summary: summarizeRun(items.map((i) => i.review)), modules: items };
}

/** One module as the review page shows it: its file, run, review state, staleness and comments. */
export async function moduleDetail(db: DbTx, workspaceId: string, moduleId: string) {
  const m = await getModuleOrThrow(db, workspaceId, moduleId);
  const [ws, judge, comments] = await Promise.all([
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { approvalsRequired: true } }),
    stalenessJudge(db, m.run),
    listComments(db, m.id),
  ]);
  const review = (await reviewStates(db, [m], ws.approvalsRequired)).get(m.id)!;
  return { module: toModuleView(m), run: toRunSummary(m.run), review, staleness: judge(m), comments };
}

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
  // Two rounds of queries, not four: what needs only the ids goes with the module; a module of another workspace
  // throws in getModuleOrThrow and its comments are dropped with it.
  const [m, ws, comments] = await Promise.all([
    getModuleOrThrow(db, workspaceId, moduleId),
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { approvalsRequired: true } }),
    listComments(db, moduleId),
  ]);
  const [judge, states] = await Promise.all([stalenessJudge(db, m.run), reviewStates(db, [m], ws.approvalsRequired)]);
  return { module: toModuleView(m), run: toRunSummary(m.run), review: states.get(m.id)!, staleness: judge(m), comments };
}

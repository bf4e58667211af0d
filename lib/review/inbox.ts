import type { DbTx } from "@/lib/db";
import { reviewStates, summarizeRun } from "@/lib/review/status";

const DAY = 86400_000;

/** The Reviews page: runs waiting for review, threads that mention me, and what was decided lately. */
export async function reviewInbox(db: DbTx, workspaceId: string, userId: string) {
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { approvalsRequired: true } });
  const runs = await db.run.findMany({
    where: { workspaceId, status: "succeeded", createdAt: { gte: new Date(Date.now() - 60 * DAY) } },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { modules: { select: { id: true, carriedFromId: true } } },
  });
  const waiting = [];
  for (const r of runs) {
    const states = await reviewStates(db, r.modules, ws.approvalsRequired);
    const summary = summarizeRun([...states.values()]);
    if (summary.state !== "approved" && summary.state !== "empty") {
      waiting.push({ runId: r.id, number: r.number, spec: r.specName, revision: r.revisionNumber, triggeredBy: r.triggeredByLabel, createdAt: r.createdAt.toISOString(), summary });
    }
  }
  const mentions = await db.reviewComment.findMany({
    where: { workspaceId, mentions: { has: userId }, deletedAt: null },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { module: { select: { path: true, runId: true, run: { select: { number: true, specName: true } } } } },
  });
  const decided = await db.reviewDecision.findMany({
    where: { workspaceId, createdAt: { gte: new Date(Date.now() - 14 * DAY) } },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { module: { select: { path: true, run: { select: { number: true, specName: true } } } } },
  });
  return {
    waiting,
    mentions: mentions.map((c) => ({ commentId: c.id, moduleId: c.moduleId, runId: c.module.runId, run: c.module.run.number, spec: c.module.run.specName, path: c.module.path, line: c.line, author: c.authorLabel, body: c.body.slice(0, 300), resolved: c.resolvedAt !== null, createdAt: c.createdAt.toISOString() })),
    decided: decided.map((d) => ({ moduleId: d.moduleId, runId: d.runId, run: d.module.run.number, spec: d.module.run.specName, path: d.module.path, decision: d.decision, reviewer: d.reviewerLabel, comment: d.comment, createdAt: d.createdAt.toISOString() })),
  };
}

import type { DbTx } from "@/lib/db";
import { AppError } from "@/lib/errors";

const startOfMonthUtc = (d = new Date()) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const startOfNextMonthUtc = (d = new Date()) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));

/** Tokens (input + output) the workspace's runs used this calendar month (UTC). */
export async function tokensUsedThisMonth(db: DbTx, workspaceId: string): Promise<number> {
  const agg = await db.run.aggregate({
    where: { workspaceId, createdAt: { gte: startOfMonthUtc() } },
    _sum: { inputTokens: true, outputTokens: true },
  });
  return (agg._sum.inputTokens ?? 0) + (agg._sum.outputTokens ?? 0);
}

/**
 * Refuse a new run over any limit, naming the limit and when it frees up. Call inside the trigger transaction,
 * after locking the workspace row, so two triggers cannot both take the last slot.
 */
export async function assertWithinLimits(
  db: DbTx,
  ws: { id: string; monthlyTokenBudget: number | null; maxConcurrentRuns: number; runTriggersPerHour: number },
  userId: string,
): Promise<void> {
  const hourAgo = new Date(Date.now() - 3600_000);
  const recent = await db.run.findMany({
    where: { workspaceId: ws.id, triggeredById: userId, createdAt: { gte: hourAgo } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  if (recent.length >= ws.runTriggersPerHour) {
    const retry = Math.ceil((recent[0].createdAt.getTime() + 3600_000 - Date.now()) / 1000);
    throw new AppError("rate_limited", `You have started ${recent.length} runs in the last hour; this workspace allows ${ws.runTriggersPerHour} per person per hour. Try again in ${Math.ceil(retry / 60)} minutes.`, { limit: "runTriggersPerHour", value: ws.runTriggersPerHour, retryAfter: retry }, retry);
  }
  const active = await db.run.count({ where: { workspaceId: ws.id, status: { in: ["queued", "running"] } } });
  if (active >= ws.maxConcurrentRuns) {
    throw new AppError("rate_limited", `${active} runs are already queued or running; this workspace allows ${ws.maxConcurrentRuns} at a time. A slot frees up when one of them finishes or is cancelled.`, { limit: "maxConcurrentRuns", value: ws.maxConcurrentRuns }, 30);
  }
  if (ws.monthlyTokenBudget !== null) {
    const used = await tokensUsedThisMonth(db, ws.id);
    if (used >= ws.monthlyTokenBudget) {
      const resets = startOfNextMonthUtc();
      throw new AppError("rate_limited", `This workspace used ${used.toLocaleString("en")} of its ${ws.monthlyTokenBudget.toLocaleString("en")} monthly tokens. The budget resets on ${resets.toISOString().slice(0, 10)} (UTC), or an admin can raise it.`, { limit: "monthlyTokenBudget", value: ws.monthlyTokenBudget, used, resetsAt: resets.toISOString() }, Math.ceil((resets.getTime() - Date.now()) / 1000));
    }
  }
}

import type { DbTx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Two runs side by side: which files changed, were added or removed, and the totals of each. */
export async function compareRuns(db: DbTx, workspaceId: string, aId: string, bId: string) {
  const [a, b] = await Promise.all([aId, bId].map((id) => db.run.findFirst({ where: { id, workspaceId }, include: { modules: { select: { id: true, path: true, contentHash: true } } } })));
  if (!a || !b) throw new AppError("not_found", "Run was not found.");
  const before = new Map(a.modules.map((m) => [m.path, m]));
  const after = new Map(b.modules.map((m) => [m.path, m]));
  const files = [...new Set([...before.keys(), ...after.keys()])].sort().map((path) => {
    const x = before.get(path);
    const y = after.get(path);
    const change = !x ? "added" : !y ? "removed" : x.contentHash === y.contentHash ? "unchanged" : "changed";
    return { path, change, fromModuleId: x?.id ?? null, toModuleId: y?.id ?? null };
  });
  const totals = (r: typeof a) => ({ id: r.id, number: r.number, status: r.status, inputTokens: r.inputTokens, outputTokens: r.outputTokens, costUsd: r.costUsd, durationMs: r.startedAt && r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null, revisionNumber: r.revisionNumber, model: r.model });
  return { from: totals(a), to: totals(b), files };
}

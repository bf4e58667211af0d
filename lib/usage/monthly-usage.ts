import { OFFLINE_PROVIDER_LABEL } from "@/lib/runs/client/format";
import type { DbTx } from "@/lib/db";
import type { MonthlyUsage, UsageFigures, UsageRow } from "@/lib/usage/schemas";

/** The UTC calendar month `YYYY-MM` as [from, to). Without `month`, the month `now` is in. */
export function monthRange(month?: string, now = new Date()): { month: string; from: Date; to: Date } {
  const [y, m] = month ? month.split("-").map(Number) : [now.getUTCFullYear(), now.getUTCMonth() + 1];
  const from = new Date(Date.UTC(y, m - 1, 1));
  const to = new Date(Date.UTC(y, m, 1));
  return { month: `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`, from, to };
}

interface Sums {
  _count: { _all: number };
  _sum: { inputTokens: number | null; outputTokens: number | null; costUsd: number | null };
}

// Costs are sums of floats: round to a millionth of a dollar so that 0.1 + 0.2 shows as 0.3.
const roundUsd = (v: number) => Math.round(v * 1e6) / 1e6;

function figuresOf(s: Sums): UsageFigures {
  const inputTokens = s._sum.inputTokens ?? 0;
  const outputTokens = s._sum.outputTokens ?? 0;
  return { runs: s._count._all, inputTokens, outputTokens, tokens: inputTokens + outputTokens, costUsd: roundUsd(s._sum.costUsd ?? 0) };
}

/** Most tokens first, then most cost, then by name, so the order is stable. */
const byWeight = (a: UsageRow, b: UsageRow) => b.tokens - a.tokens || b.costUsd - a.costUsd || a.label.localeCompare(b.label);

const SUMS = { _count: { _all: true }, _sum: { inputTokens: true, outputTokens: true, costUsd: true } } as const;

/**
 * Tokens and cost of a workspace's runs in one UTC calendar month, in total and by spec, by the person who
 * triggered the run and by model. A run counts in the month it was created, as the monthly token budget counts it
 * (lib/runs/limits.ts), whatever its status: a failed run's tokens were paid for too.
 */
export async function monthlyUsage(db: DbTx, workspaceId: string, month?: string): Promise<MonthlyUsage> {
  const range = monthRange(month);
  const where = { workspaceId, createdAt: { gte: range.from, lt: range.to } };
  const [total, specs, people, models] = await Promise.all([
    db.run.aggregate({ where, ...SUMS }),
    db.run.groupBy({ by: ["specId"], where, ...SUMS }),
    db.run.groupBy({ by: ["triggeredById"], where, ...SUMS }),
    db.run.groupBy({ by: ["providerName", "providerKind", "model"], where, ...SUMS }),
  ]);

  // Names as they are now; a spec or person that no longer exists keeps the name its last run recorded.
  const [specRows, users] = await Promise.all([
    db.spec.findMany({ where: { id: { in: specs.map((s) => s.specId) } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: people.flatMap((p) => (p.triggeredById ? [p.triggeredById] : [])) } }, select: { id: true, name: true, email: true } }),
  ]);
  const specName = new Map(specRows.map((s) => [s.id, s.name]));
  const user = new Map(users.map((u) => [u.id, u]));
  const lastRun = (w: { specId?: string; triggeredById?: string | null }) =>
    db.run.findFirst({ where: { ...where, ...w }, orderBy: { createdAt: "desc" }, select: { specName: true, triggeredByLabel: true } });
  for (const s of specs) if (!specName.has(s.specId)) specName.set(s.specId, (await lastRun({ specId: s.specId }))?.specName ?? s.specId);
  const personLabel = new Map<string | null, string>();
  for (const p of people) {
    const u = p.triggeredById ? user.get(p.triggeredById) : undefined;
    personLabel.set(p.triggeredById, u ? u.name || u.email : ((await lastRun({ triggeredById: p.triggeredById }))?.triggeredByLabel ?? "Unknown"));
  }

  return {
    month: range.month,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    total: figuresOf(total as unknown as Sums),
    bySpec: specs
      .map((s) => ({ key: s.specId, label: specName.get(s.specId)!, detail: null, ...figuresOf(s) }))
      .sort(byWeight),
    byPerson: people
      .map((p) => ({ key: p.triggeredById ?? "unknown", label: personLabel.get(p.triggeredById)!, detail: (p.triggeredById && user.get(p.triggeredById)?.email) || null, ...figuresOf(p) }))
      .sort(byWeight),
    // The offline scaffolder says it is not an LLM wherever it appears.
    byModel: models
      .map((m) => ({ key: `${m.providerName}/${m.model}`, label: m.model, detail: m.providerKind === "offline" ? OFFLINE_PROVIDER_LABEL : m.providerName, ...figuresOf(m) }))
      .sort(byWeight),
  };
}

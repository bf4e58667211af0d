import type { UsageRow } from "@/lib/usage/schemas";

/**
 * The first `limit` rows (already heaviest first) and, when there are more, one "Other" row summing the rest, so
 * a chart stays readable while its figures still add up to the month's total.
 */
export function topRows(rows: UsageRow[], limit: number): UsageRow[] {
  if (rows.length <= limit) return rows;
  const rest = rows.slice(limit - 1);
  const sum = (k: "runs" | "inputTokens" | "outputTokens" | "tokens" | "costUsd") => rest.reduce((s, r) => s + r[k], 0);
  return [
    ...rows.slice(0, limit - 1),
    {
      key: "__other__",
      label: `Other (${rest.length})`,
      detail: null,
      runs: sum("runs"),
      inputTokens: sum("inputTokens"),
      outputTokens: sum("outputTokens"),
      tokens: sum("tokens"),
      costUsd: Math.round(sum("costUsd") * 1e6) / 1e6,
    },
  ];
}

/** The last `count` calendar months (UTC) as YYYY-MM, newest first, for a month picker. */
export function recentMonths(count: number, now = new Date()): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

/** "2026-03" → "March 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en", { month: "long", year: "numeric", timeZone: "UTC" });
}

import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatNumber, formatUsd } from "@/lib/runs/client/format";
import { topRows } from "@/lib/usage/top-rows";
import type { UsageRow } from "@/components/settings/usage-api";
import { cn } from "@/lib/utils/cn";

export type UsageMetric = "tokens" | "costUsd";

const MAX_ROWS = 8;

/**
 * A horizontal bar chart that is also the table of its numbers: each row names the spec, person or model, draws a
 * bar for the chosen metric (decorative, hidden from screen readers) and gives tokens, cost and runs as text. The
 * bars are scaled to the largest row, so the longest bar is the heaviest.
 */
export function UsageBarChart({ title, nameHeader, rows, metric, testId }: { title: string; nameHeader: string; rows: UsageRow[]; metric: UsageMetric; testId: string }) {
  // Heaviest first by what the bars show, so the chart reads top-down whichever metric is chosen.
  const shown = topRows([...rows].sort((a, b) => b[metric] - a[metric] || b.tokens - a.tokens), MAX_ROWS);
  const max = Math.max(...shown.map((r) => r[metric]), 0);
  return (
    <section aria-labelledby={`${testId}-heading`} className="flex min-w-0 flex-col gap-2" data-testid={testId}>
      <h3 id={`${testId}-heading`} className="text-sm font-semibold">
        {title}
      </h3>
      <Table containerClassName="rounded-md" className="min-w-[36rem] table-fixed">
        <TableCaption className="sr-only">
          {title}: tokens, cost and runs per {nameHeader.toLowerCase()}; bars show {metric === "tokens" ? "tokens" : "cost"}.
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead className="w-[32%]">{nameHeader}</TableHead>
            <TableHead className="w-[32%]">
              <span className="sr-only">Bar</span>
            </TableHead>
            <TableHead className="w-[13%] text-right">Tokens</TableHead>
            <TableHead className="w-[13%] text-right">Cost</TableHead>
            <TableHead className="w-[10%] text-right">Runs</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((r) => {
            // A thin sliver for tiny non-zero values so they stay visible; nothing at all for zero.
            const width = max > 0 && r[metric] > 0 ? Math.max(1.5, (r[metric] / max) * 100) : 0;
            return (
              <TableRow key={r.key} data-testid="usage-row" data-key={r.key}>
                <th scope="row" className="px-3 py-2 text-left align-middle font-normal">
                  <span className="block truncate font-medium" title={r.label}>
                    {r.label}
                  </span>
                  {r.detail ? <span className="block truncate text-xs text-muted-foreground">{r.detail}</span> : null}
                </th>
                <TableCell>
                  <div aria-hidden="true" className="h-3 w-full rounded-sm bg-muted">
                    <div
                      data-testid="usage-bar"
                      className={cn("h-full rounded-sm", metric === "tokens" ? "bg-primary" : "bg-success", r.key === "__other__" && "opacity-50")}
                      style={{ width: `${width}%` }}
                    />
                  </div>
                </TableCell>
                <TableCell className="text-right tabular-nums" data-testid="usage-tokens" title={`${formatNumber(r.inputTokens)} in, ${formatNumber(r.outputTokens)} out`}>
                  {formatNumber(r.tokens)}
                </TableCell>
                <TableCell className="text-right tabular-nums" data-testid="usage-cost">
                  {formatUsd(r.costUsd)}
                </TableCell>
                <TableCell className="text-right tabular-nums" data-testid="usage-runs">
                  {formatNumber(r.runs)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}

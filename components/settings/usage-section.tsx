"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { BarChart3 } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { formatNumber, formatUsd, pluralize } from "@/lib/runs/client/format";
import { monthLabel, recentMonths } from "@/lib/usage/top-rows";
import { usageApi, usageKeys, type MonthlyUsage } from "@/components/settings/usage-api";
import { UsageBarChart, type UsageMetric } from "@/components/settings/usage-bar-chart";

/** The month's tokens and cost by spec, by person and by model, with a month picker and a tokens/cost switch. */
export function UsageSection({ slug, initial }: { slug: string; initial: MonthlyUsage }) {
  const [month, setMonth] = useState(initial.month);
  const [metric, setMetric] = useState<UsageMetric>("tokens");
  const months = recentMonths(12, new Date(`${initial.month}-15T00:00:00Z`));
  const query = useQuery({
    queryKey: usageKeys.month(slug, month),
    queryFn: ({ signal }) => usageApi.get(slug, month, signal),
    initialData: month === initial.month ? initial : undefined,
    staleTime: 10_000,
  });

  return (
    <section aria-labelledby="spend-heading" className="flex flex-col gap-4 rounded-lg border p-4" data-testid="usage-section">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id="spend-heading" className="text-base font-semibold">
            Usage and spend
          </h2>
          <p className="text-sm text-muted-foreground">Tokens and cost of the runs started in the month (UTC), whatever their outcome. Cost uses each provider&apos;s prices.</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <div role="group" aria-label="Bars show" className="inline-flex rounded-md border p-0.5">
            {(["tokens", "costUsd"] as const).map((m) => (
              <Button key={m} type="button" size="sm" variant={metric === m ? "secondary" : "ghost"} aria-pressed={metric === m} onClick={() => setMetric(m)}>
                {m === "tokens" ? "Tokens" : "Cost"}
              </Button>
            ))}
          </div>
          <Select value={month} onValueChange={setMonth}>
            <SelectTrigger aria-label="Month" className="w-44" size="sm">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {months.map((m) => (
                <SelectItem key={m} value={m}>
                  {monthLabel(m)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      </div>

      {query.isPending ? (
        <div className="grid gap-3 lg:grid-cols-3" aria-busy="true" aria-label="Loading usage">
          <Skeleton className="h-40" />
          <Skeleton className="h-40" />
          <Skeleton className="h-40" />
        </div>
      ) : query.isError ? (
        <Alert variant="destructive">
          <AlertDescription>Could not load the usage: {query.error.message}</AlertDescription>
        </Alert>
      ) : query.data.total.runs === 0 ? (
        <EmptyState
          icon={BarChart3}
          headingLevel={3}
          title={`No runs in ${monthLabel(query.data.month)}`}
          description="Tokens and cost by spec, person and model appear here once runs are started in this month."
          className="py-8"
        />
      ) : (
        <>
          <p className="text-sm tabular-nums" data-testid="usage-total">
            <span className="font-medium">{monthLabel(query.data.month)}:</span> {pluralize(query.data.total.runs, "run")},{" "}
            {formatNumber(query.data.total.tokens)} tokens ({formatNumber(query.data.total.inputTokens)} in, {formatNumber(query.data.total.outputTokens)} out),{" "}
            {formatUsd(query.data.total.costUsd)}.
          </p>
          <div className="grid gap-6">
            <UsageBarChart title="By spec" nameHeader="Spec" rows={query.data.bySpec} metric={metric} testId="usage-by-spec" />
            <UsageBarChart title="By person" nameHeader="Person" rows={query.data.byPerson} metric={metric} testId="usage-by-person" />
            <UsageBarChart title="By model" nameHeader="Model" rows={query.data.byModel} metric={metric} testId="usage-by-model" />
          </div>
        </>
      )}
    </section>
  );
}

"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { StatusMessage } from "@/components/ui/status-message";
import { ApiError } from "@/lib/client/api";
import { limitsApi } from "@/lib/runs/client/api";
import { formatNumber } from "@/lib/runs/client/format";
import { settingsKeys } from "@/lib/runs/client/query-keys";
import type { Limits, LimitsView } from "@/lib/runs/client/types";
import { cn } from "@/lib/utils/cn";

export interface LimitsFormProps {
  slug: string;
  /** limits:update (admins) */
  canEdit: boolean;
  initial?: LimitsView;
  /** shown between this month's budget and the limits form (the usage charts) */
  children?: ReactNode;
}

/** Tokens used this month against the budget, as a bar and in words. */
export function BudgetUsage({ used, budget, className }: { used: number; budget: number | null; className?: string }) {
  if (budget === null) {
    return (
      <p className={cn("text-sm", className)} data-testid="budget-usage">
        <span className="font-medium tabular-nums">{formatNumber(used)}</span> tokens used this month. No monthly budget is set.
      </p>
    );
  }
  const ratio = budget > 0 ? used / budget : 1;
  const percent = Math.min(100, Math.round(ratio * 1000) / 10);
  const tone = ratio >= 1 ? "bg-destructive" : ratio >= 0.8 ? "bg-warning" : "bg-primary";
  const text = `${formatNumber(used)} of ${formatNumber(budget)} tokens used this month (${percent}%)`;
  return (
    <div className={cn("flex flex-col gap-1.5", className)} data-testid="budget-usage">
      <div
        role="progressbar"
        aria-label="Monthly token budget used"
        aria-valuemin={0}
        aria-valuemax={budget}
        aria-valuenow={Math.min(used, budget)}
        aria-valuetext={text}
        className="h-2.5 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className={cn("h-full rounded-full transition-[width]", tone)} style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm tabular-nums">
        {text}
        {ratio >= 1 ? <span className="font-medium text-destructive"> — budget reached: new runs are refused until next month.</span> : null}
      </p>
    </div>
  );
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

export function LimitsForm({ slug, canEdit, initial, children }: LimitsFormProps) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: settingsKeys.limits(slug), queryFn: ({ signal }) => limitsApi.get(slug, signal), initialData: initial, staleTime: 5_000 });
  const limits = query.data?.limits;
  const [draft, setDraft] = useState<{ budget: string; concurrent: string; perHour: string } | null>(null);
  const values = draft ?? { budget: str(limits?.monthlyTokenBudget), concurrent: str(limits?.maxConcurrentRuns), perHour: str(limits?.runTriggersPerHour) };
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (body: Limits) => limitsApi.update(slug, body),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKeys.limits(slug), data);
      setDraft(null);
      setErrors({});
    },
    onError: (err) => {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const budget = values.budget.trim() === "" ? null : Number(values.budget.replace(/[,_\s]/g, ""));
    const concurrent = Number(values.concurrent);
    const perHour = Number(values.perHour);
    if (budget !== null && !(Number.isInteger(budget) && budget >= 1000 && budget <= 10_000_000_000)) errs.monthlyTokenBudget = "Enter a whole number from 1,000 to 10,000,000,000, or leave it blank for no budget.";
    if (!(Number.isInteger(concurrent) && concurrent >= 1 && concurrent <= 100)) errs.maxConcurrentRuns = "Enter a whole number from 1 to 100.";
    if (!(Number.isInteger(perHour) && perHour >= 1 && perHour <= 10_000)) errs.runTriggersPerHour = "Enter a whole number from 1 to 10,000.";
    setErrors(errs);
    if (Object.keys(errs).length === 0) save.mutate({ monthlyTokenBudget: budget, maxConcurrentRuns: concurrent, runTriggersPerHour: perHour });
  }

  if (query.isPending) {
    return (
      <div className="flex flex-col gap-3" aria-busy="true">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (query.isError || !query.data) {
    return (
      <Alert variant="destructive">
        <AlertDescription>Could not load the limits: {query.error?.message ?? "no answer"}</AlertDescription>
      </Alert>
    );
  }
  const { usage } = query.data;
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...values, [k]: e.target.value });

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="usage-heading" className="flex flex-col gap-3 rounded-lg border p-4">
        <h2 id="usage-heading" className="text-base font-semibold">
          This month
        </h2>
        <BudgetUsage used={usage.tokensThisMonth} budget={limits!.monthlyTokenBudget} />
        <p className="text-sm text-muted-foreground">
          {usage.activeRuns} of {limits!.maxConcurrentRuns} concurrent {limits!.maxConcurrentRuns === 1 ? "run" : "runs"} in use right now. Months are counted in UTC.
        </p>
      </section>

      {children}

      <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-5" noValidate aria-labelledby="limits-heading">
        <h2 id="limits-heading" className="text-base font-semibold">
          Limits
        </h2>
        {!canEdit ? (
          <Alert variant="info">
            <AlertDescription>Only admins can change the limits.</AlertDescription>
          </Alert>
        ) : null}
        <FormField
          label="Monthly token budget"
          error={errors.monthlyTokenBudget}
          description="Input and output tokens of all runs per calendar month. Blank means unlimited. At the budget, new runs are refused."
        >
          <Input type="text" inputMode="numeric" value={values.budget} onChange={set("budget")} placeholder="unlimited" readOnly={!canEdit} className="max-w-60" />
        </FormField>
        <FormField label="Max concurrent runs" required error={errors.maxConcurrentRuns} description="Runs queued or running at once in this workspace (1–100).">
          <Input type="number" min={1} max={100} step={1} value={values.concurrent} onChange={set("concurrent")} readOnly={!canEdit} className="max-w-32" />
        </FormField>
        <FormField label="Run triggers per person per hour" required error={errors.runTriggersPerHour} description="How many runs one person may start in any hour (1–10,000).">
          <Input type="number" min={1} max={10000} step={1} value={values.perHour} onChange={set("perHour")} readOnly={!canEdit} className="max-w-32" />
        </FormField>
        {save.isError && !Object.keys(errors).length ? (
          <Alert variant="destructive">
            <AlertDescription>{save.error.message}</AlertDescription>
          </Alert>
        ) : null}
        {canEdit ? (
          <div className="flex items-center gap-3">
            <Button type="submit" loading={save.isPending}>
              Save limits
            </Button>
            {draft ? (
              <Button type="button" variant="ghost" onClick={() => { setDraft(null); setErrors({}); }}>
                Discard changes
              </Button>
            ) : null}
            <StatusMessage tone={save.isSuccess ? "success" : "muted"}>{save.isSuccess && !draft ? "Limits saved." : ""}</StatusMessage>
          </div>
        ) : null}
      </form>
    </div>
  );
}

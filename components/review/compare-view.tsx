"use client";

import { useEffect, useId, useMemo, useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, ArrowRight, FileMinus2, FilePen, FilePlus2, FileCheck2, GitCompareArrows } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { fieldBase } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { reviewApi, reviewKeys, reviewPages } from "@/lib/review/client/api";
import { formatDate, formatDuration, formatNumber, formatUsd, OFFLINE_MODEL_ID } from "@/lib/review/client/format";
import type { FileChange, ReviewRun, RunComparison, RunTotals } from "@/lib/review/client/types";
import { cn } from "@/lib/utils/cn";

const CHANGE: Record<FileChange, { label: string; variant: "warning" | "success" | "destructive" | "muted"; icon: typeof FilePen }> = {
  changed: { label: "Changed", variant: "warning", icon: FilePen },
  added: { label: "Added", variant: "success", icon: FilePlus2 },
  removed: { label: "Removed", variant: "destructive", icon: FileMinus2 },
  unchanged: { label: "Unchanged", variant: "muted", icon: FileCheck2 },
};
const ORDER: FileChange[] = ["changed", "added", "removed", "unchanged"];

export interface CompareViewProps {
  slug: string;
  run: ReviewRun;
  /** other runs of the same spec, newest first */
  runs: ReviewRun[];
  initialWith: string | null;
  initialData: RunComparison | null;
}

/** Two runs of a spec side by side: their totals, and which files changed, were added or removed. */
export function CompareView({ slug, run, runs, initialWith, initialData }: CompareViewProps) {
  const id = useId();
  const [withId, setWithId] = useState(initialWith ?? "");
  const [hideUnchanged, setHideUnchanged] = useState(false);
  const q = useQuery({
    queryKey: reviewKeys.compare(run.id, withId),
    queryFn: ({ signal }) => reviewApi.compare(run.id, withId, signal),
    enabled: withId !== "",
    initialData: withId === initialWith && initialData ? initialData : undefined,
  });

  useEffect(() => {
    const url = reviewPages.compare(slug, run.id, withId || undefined);
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(window.history.state, "", url);
  }, [slug, run.id, withId]);

  const data = q.data;
  const counts = useMemo(() => {
    const c: Record<FileChange, number> = { changed: 0, added: 0, removed: 0, unchanged: 0 };
    for (const f of data?.files ?? []) c[f.change]++;
    return c;
  }, [data]);
  const files = (data?.files ?? []).filter((f) => !hideUnchanged || f.change !== "unchanged").sort((a, b) => ORDER.indexOf(a.change) - ORDER.indexOf(b.change) || a.path.localeCompare(b.path));

  return (
    <div className="flex flex-col gap-6" data-testid="compare-view">
      <PageHeader
        breadcrumb={
          <Link href={reviewPages.review(slug, run.id)} className="inline-flex items-center gap-1 rounded underline-offset-4 outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring">
            <ArrowLeft className="size-3.5" aria-hidden="true" /> Review run #{run.number}
          </Link>
        }
        title={data ? `Compare run #${data.from.number} with run #${data.to.number}` : `Compare run #${run.number}`}
        description={
          <>
            Two runs of{" "}
            <Link href={reviewPages.spec(slug, run.spec.id)} className="font-medium text-foreground underline-offset-4 hover:underline">
              {run.spec.name}
            </Link>{" "}
            side by side: what each cost, and which files differ. Open a file&apos;s diff to see the lines.
          </>
        }
      >
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-with`} className="text-xs font-medium text-muted-foreground">
            Compare run #{run.number} with
          </label>
          <select id={`${id}-with`} value={withId} onChange={(e) => setWithId(e.target.value)} className={cn(fieldBase, "h-9 w-[32rem] max-w-full py-0")}>
            <option value="" disabled>
              Pick a run of this spec
            </option>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                Run #{r.number} · revision #{r.spec.revisionNumber} · {r.status} · {formatDate(r.createdAt)}
              </option>
            ))}
          </select>
        </div>
      </PageHeader>

      {runs.length === 0 ? (
        <EmptyState
          icon={GitCompareArrows}
          title="Nothing to compare with"
          description={`Run #${run.number} is the only run of ${run.spec.name}. Re-run it, or run a newer revision, and compare the two here.`}
        />
      ) : withId === "" ? (
        <EmptyState icon={GitCompareArrows} title="Pick a run to compare with" description="Choose another run of this spec above." />
      ) : q.isPending ? (
        <Spinner label="Comparing the runs" showLabel />
      ) : q.isError ? (
        <Alert variant="destructive">
          <AlertTitle>Could not compare the runs</AlertTitle>
          <AlertDescription>{q.error.message}</AlertDescription>
        </Alert>
      ) : data ? (
        <>
          <section aria-label="Totals of the two runs" className="grid items-stretch gap-4 md:grid-cols-[1fr_auto_1fr]">
            <RunCard slug={slug} totals={data.from} role="Before" />
            <ArrowRight className="hidden size-5 self-center text-muted-foreground md:block" aria-hidden="true" />
            <RunCard slug={slug} totals={data.to} role="After" versus={data.from} />
          </section>

          <section aria-labelledby={`${id}-files`} className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center gap-3">
              <h2 id={`${id}-files`} className="text-base font-semibold">
                Files
              </h2>
              <p className="flex flex-wrap gap-2 text-sm" data-testid="compare-counts">
                {ORDER.map((c) => {
                  const Icon = CHANGE[c].icon;
                  return (
                    <Badge key={c} variant={counts[c] ? CHANGE[c].variant : "muted"}>
                      <Icon aria-hidden="true" />
                      {counts[c]} {CHANGE[c].label.toLowerCase()}
                    </Badge>
                  );
                })}
              </p>
              <label className="ml-auto flex items-center gap-2 text-sm">
                <input type="checkbox" checked={hideUnchanged} onChange={(e) => setHideUnchanged(e.target.checked)} className="size-4 accent-primary" />
                Hide unchanged files
              </label>
            </div>
            {files.length === 0 ? (
              <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">
                {data.files.length ? "Every file is the same in both runs." : "Neither run produced files."}
              </p>
            ) : (
              <Table>
                <TableCaption className="sr-only">
                  Files of run #{data.from.number} and run #{data.to.number}, changed ones first
                </TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHead>File</TableHead>
                    <TableHead>Change</TableHead>
                    <TableHead className="text-right">Open</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {files.map((f) => {
                    const look = CHANGE[f.change];
                    const Icon = look.icon;
                    return (
                      <TableRow key={f.path} data-change={f.change}>
                        <TableCell className={cn("font-mono text-xs", f.change === "unchanged" && "text-muted-foreground")}>{f.path}</TableCell>
                        <TableCell>
                          <Badge variant={look.variant}>
                            <Icon aria-hidden="true" />
                            {look.label}
                          </Badge>
                        </TableCell>
                        <TableCell className="text-right">
                          {f.toModuleId && f.fromModuleId && f.change === "changed" ? (
                            <Link
                              className="text-sm font-medium text-primary underline-offset-4 hover:underline"
                              href={reviewPages.review(slug, data.to.id, { module: f.toModuleId, tab: "diff", against: f.fromModuleId })}
                              aria-label={`Diff of ${f.path}, run #${data.from.number} to run #${data.to.number}`}
                            >
                              Diff
                            </Link>
                          ) : f.toModuleId ? (
                            <Link className="text-sm font-medium text-primary underline-offset-4 hover:underline" href={reviewPages.review(slug, data.to.id, { module: f.toModuleId })} aria-label={`${f.path} in run #${data.to.number}`}>
                              View in run #{data.to.number}
                            </Link>
                          ) : f.fromModuleId ? (
                            <Link className="text-sm font-medium text-primary underline-offset-4 hover:underline" href={reviewPages.review(slug, data.from.id, { module: f.fromModuleId })} aria-label={`${f.path} in run #${data.from.number}`}>
                              View in run #{data.from.number}
                            </Link>
                          ) : null}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}

function Delta({ value, base, format, lowerIsBetter = true }: { value: number | null; base: number | null; format: (n: number) => string; lowerIsBetter?: boolean }) {
  if (value === null || base === null || value === base) return null;
  const up = value > base;
  const good = up !== lowerIsBetter;
  return (
    <span className={cn("ml-1.5 text-xs font-normal", good ? "text-success" : "text-destructive")}>
      ({up ? "+" : "−"}
      {format(Math.abs(value - base))})
    </span>
  );
}

function RunCard({ slug, totals, role, versus }: { slug: string; totals: RunTotals; role: "Before" | "After"; versus?: RunTotals }) {
  const offline = totals.model === OFFLINE_MODEL_ID;
  return (
    <div className="flex flex-col gap-3 rounded-lg border bg-card p-4 shadow-xs" data-testid={`run-card-${role.toLowerCase()}`}>
      <div className="flex flex-wrap items-baseline gap-2">
        <span className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{role}</span>
        <Link href={reviewPages.review(slug, totals.id)} className="text-base font-semibold underline-offset-4 hover:underline">
          Run #{totals.number}
        </Link>
        <Badge variant="outline">{totals.status}</Badge>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted-foreground">Spec revision</dt>
        <dd className="font-medium">#{totals.revisionNumber}</dd>
        <dt className="text-muted-foreground">Model</dt>
        <dd className="font-mono text-xs font-medium">{totals.model}</dd>
        <dt className="text-muted-foreground">Tokens in / out</dt>
        <dd className="font-medium tabular-nums">
          {formatNumber(totals.inputTokens)} / {formatNumber(totals.outputTokens)}
          {versus ? <Delta value={totals.inputTokens + totals.outputTokens} base={versus.inputTokens + versus.outputTokens} format={formatNumber} /> : null}
        </dd>
        <dt className="text-muted-foreground">Cost</dt>
        <dd className="font-medium tabular-nums">
          {formatUsd(totals.costUsd, offline ? { kind: "offline" } : undefined)}
          {versus && !offline ? <Delta value={totals.costUsd} base={versus.costUsd} format={(n) => formatUsd(n)} /> : null}
        </dd>
        <dt className="text-muted-foreground">Duration</dt>
        <dd className="font-medium tabular-nums">
          {formatDuration(totals.durationMs)}
          {versus ? <Delta value={totals.durationMs} base={versus.durationMs} format={(n) => formatDuration(n)} /> : null}
        </dd>
      </dl>
    </div>
  );
}

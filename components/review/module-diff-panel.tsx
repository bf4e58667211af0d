"use client";

import { useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { FileDiff } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { fieldBase } from "@/components/ui/input";
import { DiffModeToggle, DiffStat, DiffTable, type DiffMode } from "@/components/review/diff-table";
import { reviewApi, reviewKeys } from "@/lib/review/client/api";
import { formatDate } from "@/lib/review/client/format";
import type { TextDiff } from "@/lib/review/client/types";
import { cn } from "@/lib/utils/cn";

export interface ModuleDiffPanelProps {
  slug: string;
  module: { id: string; path: string; runId: string };
  run: { id: string; number: number; specId: string; revisionNumber: number };
  /** module id to compare with, from ?against= (e.g. a link from the compare page) */
  initialAgainst?: string | null;
  mode: DiffMode;
  onModeChange: (m: DiffMode) => void;
}

/**
 * The selected module against the same file of another run (by default the spec's previous run), next to the
 * diff of the spec revisions the two runs were generated from.
 */
export function ModuleDiffPanel({ slug, module, run, initialAgainst = null, mode, onModeChange }: ModuleDiffPanelProps) {
  const id = useId();
  const [pickedRun, setPickedRun] = useState("");
  const runsQ = useQuery({ queryKey: reviewKeys.specRuns(slug, run.specId), queryFn: ({ signal }) => reviewApi.specRuns(slug, run.specId, signal) });
  const others = (runsQ.data?.runs ?? []).filter((r) => r.id !== run.id);
  const compareQ = useQuery({
    queryKey: reviewKeys.compare(run.id, pickedRun),
    queryFn: ({ signal }) => reviewApi.compare(run.id, pickedRun, signal),
    enabled: pickedRun !== "",
  });
  const pickedFile = compareQ.data?.files.find((f) => f.path === module.path);
  const against = pickedRun ? (pickedFile?.fromModuleId ?? null) : initialAgainst;
  const missingInPicked = pickedRun !== "" && compareQ.isSuccess && !pickedFile?.fromModuleId;
  const diffQ = useQuery({
    queryKey: reviewKeys.diff(module.id, against),
    queryFn: ({ signal }) => reviewApi.diff(module.id, against, signal),
    enabled: pickedRun === "" || against !== null,
  });
  const pickedNumber = others.find((r) => r.id === pickedRun)?.number;
  const data = diffQ.data;
  const thisLabel = `run #${run.number}`;
  const otherLabel = data?.against ? `run #${data.against.runNumber}` : "the other run";

  return (
    <div className="flex flex-col gap-4" data-testid="module-diff">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-against`} className="text-xs font-medium text-muted-foreground">
            Compare with
          </label>
          <select
            id={`${id}-against`}
            value={pickedRun}
            onChange={(e) => setPickedRun(e.target.value)}
            className={cn(fieldBase, "h-8 w-72 py-0 text-sm")}
          >
            <option value="">{initialAgainst ? "The file picked by the link" : "The previous run of this spec"}</option>
            {others.map((r) => (
              <option key={r.id} value={r.id}>
                Run #{r.number} · revision #{r.spec.revisionNumber} · {r.status} · {formatDate(r.createdAt)}
              </option>
            ))}
          </select>
        </div>
        <DiffModeToggle mode={mode} onChange={onModeChange} />
        {runsQ.isError ? <span className="text-xs text-destructive">Could not list the other runs: {runsQ.error.message}</span> : null}
      </div>

      <section aria-labelledby={`${id}-code`} className="flex flex-col gap-2">
        <h3 id={`${id}-code`} className="flex flex-wrap items-center gap-2 text-sm font-semibold">
          <FileDiff className="size-4 text-muted-foreground" aria-hidden="true" />
          Code: {module.path}
          {data?.diff && !data.diff.identical ? <DiffStat diff={data.diff} /> : null}
        </h3>
        {missingInPicked ? (
          <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">
            Run #{pickedNumber} has no file {module.path}: it was added later, or its step failed there.
          </p>
        ) : diffQ.isPending || compareQ.isFetching ? (
          <Spinner label="Loading the diff" showLabel />
        ) : diffQ.isError ? (
          <Alert variant="destructive">
            <AlertTitle>Could not load the diff</AlertTitle>
            <AlertDescription>{diffQ.error.message}</AlertDescription>
          </Alert>
        ) : !data?.diff || !data.against ? (
          <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground" data-testid="diff-empty">
            {data?.message ?? "Nothing to compare with."} Pick another run above, if there is one.
          </p>
        ) : (
          <DiffBody diff={data.diff} mode={mode} before={`run #${data.against.runNumber} (revision #${data.against.revision})`} after={`${thisLabel} (revision #${run.revisionNumber})`} identicalText={`${module.path} is the same in ${otherLabel} and ${thisLabel}.`} />
        )}
      </section>

      {data?.against ? (
        <section aria-labelledby={`${id}-spec`} className="flex flex-col gap-2">
          <h3 id={`${id}-spec`} className="flex flex-wrap items-center gap-2 text-sm font-semibold">
            <FileDiff className="size-4 text-muted-foreground" aria-hidden="true" />
            Spec: revision #{data.against.revision} → #{run.revisionNumber}
            {data.specDiff && !data.specDiff.identical ? <DiffStat diff={data.specDiff} /> : null}
          </h3>
          {data.specDiff ? (
            <DiffBody diff={data.specDiff} mode={mode} before={`revision #${data.against.revision}`} after={`revision #${run.revisionNumber}`} identicalText="The two revisions have the same text." />
          ) : (
            <p className="text-sm text-muted-foreground">Both runs were generated from revision #{run.revisionNumber}: the spec did not change between them.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}

function DiffBody({ diff, mode, before, after, identicalText }: { diff: TextDiff; mode: DiffMode; before: string; after: string; identicalText: string }) {
  if (diff.identical || diff.hunks.length === 0) {
    return <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">{identicalText}</p>;
  }
  return <DiffTable diff={diff} mode={mode} caption={`Changes from ${before} to ${after}`} beforeLabel={before} afterLabel={after} />;
}

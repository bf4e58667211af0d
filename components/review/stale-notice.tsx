"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ChevronDown, ChevronRight, History } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { DiffModeToggle, DiffStat, DiffTable, type DiffMode } from "@/components/review/diff-table";
import { reviewApi, reviewKeys } from "@/lib/review/client/api";
import { diffInBrowser } from "@/lib/review/client/diff-rows";
import type { Staleness } from "@/lib/review/client/types";

/** Why a module is stale, and (on request) the spec diff between its run's revision and the newest one. */
export function StaleNotice({ slug, specId, staleness }: { slug: string; specId: string; staleness: Extract<Staleness, { stale: true }> }) {
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<DiffMode>("unified");
  const fromQ = useQuery({
    queryKey: reviewKeys.revision(specId, staleness.fromRevisionId),
    queryFn: ({ signal }) => reviewApi.revision(slug, specId, staleness.fromRevisionId, signal),
    enabled: open,
    staleTime: Infinity,
  });
  const toQ = useQuery({
    queryKey: reviewKeys.revision(specId, staleness.toRevisionId),
    queryFn: ({ signal }) => reviewApi.revision(slug, specId, staleness.toRevisionId, signal),
    enabled: open,
    staleTime: Infinity,
  });
  const before = `revision #${staleness.fromRevision}`;
  const after = `revision #${staleness.toRevision}`;
  const diff =
    fromQ.data && toQ.data ? diffInBrowser(fromQ.data.revision.content ?? "", toQ.data.revision.content ?? "", { a: before, b: after }) : null;
  const error = fromQ.error ?? toQ.error;

  return (
    <Alert variant="warning" icon={<History aria-hidden="true" />} data-testid="stale-notice">
      <AlertTitle>Stale: {staleness.reason}</AlertTitle>
      <AlertDescription className="w-full">
        <p>
          This file was generated from {before}; the spec has changed since. Re-run the changed steps to regenerate it, or review it knowing what changed.
        </p>
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((v) => !v)}
          className="mt-1 inline-flex items-center gap-1 rounded text-sm font-medium text-foreground underline-offset-4 outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring"
        >
          {open ? <ChevronDown className="size-4" aria-hidden="true" /> : <ChevronRight className="size-4" aria-hidden="true" />}
          {open ? "Hide" : "Show"} the spec change ({before} → {after})
        </button>
        {open ? (
          <div className="mt-2 flex w-full flex-col gap-2" data-testid="stale-spec-diff">
            {error ? (
              <p role="alert" className="text-destructive">
                Could not load the revisions: {error.message}
              </p>
            ) : !diff ? (
              <Spinner label="Loading the revisions" showLabel />
            ) : (
              <>
                <div className="flex flex-wrap items-center gap-3">
                  <DiffStat diff={diff} />
                  <DiffModeToggle mode={mode} onChange={setMode} />
                </div>
                <DiffTable diff={diff} mode={mode} caption={`Spec changes from ${before} to ${after}`} beforeLabel={before} afterLabel={after} />
              </>
            )}
          </div>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}

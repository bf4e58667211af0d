"use client";

import { useCallback, useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, CircleStop, RotateCcw, WifiOff } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { StatusMessage } from "@/components/ui/status-message";
import { toast } from "@/components/ui/toast";
import { newIdempotencyKey, runPages, runsApi } from "@/lib/runs/client/api";
import { formatCost, formatDuration, formatNumber } from "@/lib/runs/client/format";
import { runKeys } from "@/lib/runs/client/query-keys";
import type { RunEventSnapshot } from "@/lib/runs/client/event-store";
import type { RunDetail } from "@/lib/runs/client/types";
import { buildTimeline } from "@/lib/runs/timeline";
import { OfflineBadge } from "@/components/runs/offline-badge";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { RunTimeline } from "@/components/runs/run-timeline";
import { StepDetails } from "@/components/runs/step-details";
import { RelativeTime } from "@/components/ui/relative-time";
import { useNow, useRunEvents, useRunStream, type StreamState } from "@/components/runs/use-run-stream";

export interface RunViewProps {
  slug: string;
  initialRun: RunDetail;
  /** the event log as it was when the page was rendered; the stream goes on from there */
  initialLog: RunEventSnapshot;
  canCancel: boolean;
  canTrigger: boolean;
}

const LIVE = new Set(["queued", "running"]);

/** A run's page: header with totals and actions, the live timeline, and the selected step's events and code. */
export function RunView({ slug, initialRun, initialLog, canCancel, canTrigger }: RunViewProps) {
  const runId = initialRun.id;
  const router = useRouter();
  const queryClient = useQueryClient();
  const { store, state, error: streamError } = useRunStream(runId, slug, initialLog);
  const events = useRunEvents(store);

  const runQuery = useQuery({
    queryKey: runKeys.detail(runId),
    queryFn: ({ signal }) => runsApi.get(runId, signal),
    initialData: { run: initialRun },
    staleTime: 2_000,
    // A safety net if the stream cannot be followed.
    refetchInterval: (q) => (LIVE.has(q.state.data?.run.status ?? "") && state !== "open" ? 5_000 : false),
  });
  const run = runQuery.data.run;

  const modulesQuery = useQuery({
    queryKey: runKeys.modules(runId),
    queryFn: ({ signal }) => runsApi.modules(runId, signal),
    staleTime: LIVE.has(run.status) ? 0 : Infinity,
  });

  const eventsLive = !store.finished && LIVE.has(run.status);
  const now = useNow(eventsLive);
  const timeline = useMemo(() => buildTimeline(run, events, { now }), [run, events, now]);
  const status = timeline.status;
  const live = timeline.live;

  const [picked, setPicked] = useState<string | null>(null);
  const auto = timeline.steps.find((s) => s.status === "running" || s.status === "retrying") ?? timeline.steps.find((s) => s.status === "failed") ?? timeline.steps[0];
  const selectedKey = picked && timeline.steps.some((s) => s.key === picked) ? picked : (auto?.key ?? null);
  const selected = timeline.steps.find((s) => s.key === selectedKey) ?? null;
  const onSelect = useCallback((key: string) => setPicked(key), []);

  const cancel = useMutation({
    mutationFn: () => runsApi.cancel(runId),
    onSuccess: () => {
      toast.success(`Run #${run.number} cancelled`);
      void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) });
      void queryClient.invalidateQueries({ queryKey: runKeys.lists(slug) });
    },
    onError: (err) => toast.error("Could not cancel the run", { description: err.message }),
  });

  const [rerunKey, setRerunKey] = useState(newIdempotencyKey);
  const rerun = useMutation({
    mutationFn: () => runsApi.rerun(runId, rerunKey),
    onSuccess: ({ run: next }) => {
      setRerunKey(newIdempotencyKey());
      void queryClient.invalidateQueries({ queryKey: runKeys.lists(slug) });
      router.push(runPages.run(slug, next.id));
    },
  });

  const totals = {
    inputTokens: Math.max(run.inputTokens, timeline.totals.inputTokens),
    outputTokens: Math.max(run.outputTokens, timeline.totals.outputTokens),
    costUsd: Math.max(run.costUsd, timeline.totals.costUsd),
  };
  const runStart = run.startedAt ? Date.parse(run.startedAt) : null;
  const duration = run.durationMs ?? (runStart !== null && live ? (now ?? timeline.endMs) - runStart : null);

  return (
    <div className="flex flex-col gap-6" data-testid="run-view" data-status={status}>
      <PageHeader
        breadcrumb={
          <Link href={runPages.list(slug)} className="inline-flex items-center gap-1 rounded underline-offset-4 outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring">
            <ArrowLeft className="size-3.5" aria-hidden="true" /> Runs
          </Link>
        }
        title={
          <span className="flex items-center gap-3">
            Run #{run.number}
            <RunStatusBadge status={status} className="text-sm" />
          </span>
        }
        description={
          <>
            Spec{" "}
            <Link href={runPages.spec(slug, run.spec.id)} className="font-medium text-foreground underline-offset-4 hover:underline">
              {run.spec.name}
            </Link>
            , revision{" "}
            <Link href={runPages.specHistory(slug, run.spec.id)} className="font-medium text-foreground underline-offset-4 hover:underline" title={`content hash ${run.spec.revisionHash.slice(0, 12)}…`}>
              #{run.spec.revisionNumber}
            </Link>
            {run.triggeredBy ? <> · triggered by {run.triggeredBy}</> : null} · <RelativeTime iso={run.createdAt} />
            {run.rerunOfId ? (
              <>
                {" "}
                · re-run of{" "}
                <Link href={runPages.run(slug, run.rerunOfId)} className="underline-offset-4 hover:underline">
                  an earlier run
                </Link>
              </>
            ) : null}
          </>
        }
        actions={
          <>
            {!live && run.status === "succeeded" ? (
              <Button variant="outline" asChild>
                <Link href={`/w/${slug}/runs/${run.id}/review`}>Review</Link>
              </Button>
            ) : null}
            {canCancel && live ? (
              <Button variant="outline" onClick={() => cancel.mutate()} loading={cancel.isPending} className="text-destructive hover:text-destructive">
                {!cancel.isPending ? <CircleStop aria-hidden="true" /> : null}
                Cancel run
              </Button>
            ) : null}
            {canTrigger ? (
              <Button variant={live ? "outline" : "default"} onClick={() => rerun.mutate()} loading={rerun.isPending || rerun.isSuccess}>
                {!(rerun.isPending || rerun.isSuccess) ? <RotateCcw aria-hidden="true" /> : null}
                Re-run
              </Button>
            ) : null}
          </>
        }
      >
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3 lg:grid-cols-5" data-testid="run-facts">
          <HeaderFact label="Provider · model">
            {run.provider.kind === "offline" ? (
              <span className="flex flex-col items-start gap-1">
                Offline scaffolder
                <OfflineBadge />
              </span>
            ) : (
              <span>
                {run.provider.name} · <span className="font-mono text-xs">{run.provider.model}</span>
              </span>
            )}
          </HeaderFact>
          <HeaderFact label="Tokens in / out">
            <span className="tabular-nums">
              {formatNumber(totals.inputTokens)} / {formatNumber(totals.outputTokens)}
            </span>
          </HeaderFact>
          <HeaderFact label="Cost">{formatCost(totals.costUsd, run.provider)}</HeaderFact>
          <HeaderFact label="Duration">
            <span className="tabular-nums">{duration !== null ? `${formatDuration(duration)}${live ? " so far" : ""}` : live ? "not started" : "—"}</span>
          </HeaderFact>
          <HeaderFact label="Live updates">
            <StreamIndicator state={state} live={live} replayed={!LIVE.has(initialRun.status)} />
          </HeaderFact>
        </dl>
      </PageHeader>

      <StatusMessage visuallyHidden>{`Run #${run.number} ${status}`}</StatusMessage>

      {rerun.isError ? (
        <Alert variant="destructive">
          <AlertTitle>Could not start a re-run</AlertTitle>
          <AlertDescription>{rerun.error.message}</AlertDescription>
        </Alert>
      ) : null}
      {streamError ? (
        <Alert variant="warning" icon={<WifiOff aria-hidden="true" />}>
          <AlertTitle>Live updates stopped</AlertTitle>
          <AlertDescription>{streamError}</AlertDescription>
        </Alert>
      ) : null}
      {timeline.error && (status === "failed" || status === "cancelled") ? (
        <Alert variant={status === "failed" ? "destructive" : "default"} data-testid="run-error">
          <AlertTitle>{status === "failed" ? "The run failed" : "The run was cancelled"}</AlertTitle>
          <AlertDescription>{timeline.error}</AlertDescription>
        </Alert>
      ) : null}

      {timeline.steps.length === 0 ? (
        <p className="rounded-lg border border-dashed px-4 py-10 text-center text-sm text-muted-foreground">Loading the run&apos;s events…</p>
      ) : (
        <RunTimeline timeline={timeline} selected={selectedKey} onSelect={onSelect} />
      )}

      {selected ? (
        <StepDetails step={selected} startMs={timeline.startMs} provider={run.provider} store={store} modules={modulesQuery.data?.modules} modulesError={modulesQuery.error} />
      ) : null}
    </div>
  );
}

function HeaderFact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

function StreamIndicator({ state, live, replayed }: { state: StreamState; live: boolean; replayed: boolean }) {
  if (state === "ended" || (!live && state !== "failed")) {
    return (
      <span className="text-muted-foreground" data-testid="stream-state" data-state="ended">
        {replayed ? "Replayed from storage (run finished)" : "Run finished"}
      </span>
    );
  }
  const look: Record<StreamState, { dot: string; text: string }> = {
    connecting: { dot: "bg-muted-foreground", text: "connecting…" },
    open: { dot: "bg-success animate-pulse motion-reduce:animate-none", text: "live" },
    reconnecting: { dot: "bg-warning", text: "reconnecting…" },
    ended: { dot: "bg-muted-foreground", text: "finished" },
    failed: { dot: "bg-destructive", text: "stopped" },
  };
  const l = look[state];
  return (
    <span className="flex items-center gap-1.5" data-testid="stream-state" data-state={state}>
      <span className={`size-2 rounded-full ${l.dot}`} aria-hidden="true" />
      {l.text}
    </span>
  );
}

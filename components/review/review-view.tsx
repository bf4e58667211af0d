"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, FileCode2, FileDiff, Info } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { StatusMessage } from "@/components/ui/status-message";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { CodeReview } from "@/components/review/code-review";
import { DecisionPanel } from "@/components/review/decision-panel";
import type { DiffMode } from "@/components/review/diff-table";
import { ModuleDiffPanel } from "@/components/review/module-diff-panel";
import { ModuleTree } from "@/components/review/module-tree";
import { RelativeTime } from "@/components/ui/relative-time";
import { ReviewActions, type ActionProblem } from "@/components/review/review-actions";
import { CarriedOverBadge, FindingsBadge, OfflineLabel, ReviewStateBadge, StaleBadge, SummaryBadge, ThreadsBadge } from "@/components/review/review-badges";
import { StaleNotice } from "@/components/review/stale-notice";
import { reviewApi, reviewKeys, reviewPages } from "@/lib/review/client/api";
import { isFlowStep, plural, stepLabel } from "@/lib/review/client/format";
import { highlightHtmlLines } from "@/lib/review/client/highlight";
import { whenIdle } from "@/lib/review/client/schedule";
import { groupByStep, initialModuleId, treeNeighbours } from "@/lib/review/client/tree";
import type { ModuleDetail, ReviewPermissions, ReviewRun, RunReview } from "@/lib/review/client/types";

export interface ReviewViewProps {
  slug: string;
  run: ReviewRun;
  /** the run's step keys in their order */
  stepOrder: string[];
  initialReview: RunReview;
  /**
   * the file the page opens on (see initialModuleId), rendered with the page, then its neighbours in the tree
   * (where the reviewer goes next: shown at once, without a request)
   */
  initialModules: ModuleDetail[];
  /** those files' lines highlighted as HTML by the server, by module id (absent: highlighted in the browser) */
  initialHtml: Record<string, string[] | null>;
  permissions: ReviewPermissions;
  /** from the URL: ?module=, ?tab=, ?line=, ?comment=, ?against= */
  initial: { module?: string; tab?: "code" | "diff"; line?: number; comment?: string; against?: string };
  /** a run to compare with (the previous run of the spec), if any */
  compareWith: string | null;
}

const LIVE = new Set(["queued", "running"]);

/**
 * The review of one run: its files by step with their review state, the selected file's code with findings and
 * line threads, the decision on it, its diff against another run, and export / re-run / compare actions.
 */
export function ReviewView({ slug, run, stepOrder, initialReview, initialModules, initialHtml, permissions, initial, compareWith }: ReviewViewProps) {
  const queryClient = useQueryClient();
  // The files that came with the page go into the cache as if just fetched (they were, by the server): opening one
  // is a render, not a request, and the neighbour prefetch below finds them fresh.
  useState(() => {
    for (const d of initialModules) if (!queryClient.getQueryData(reviewKeys.module(d.module.id))) queryClient.setQueryData(reviewKeys.module(d.module.id), d);
  });
  const live = LIVE.has(run.status);
  const reviewQ = useQuery({
    queryKey: reviewKeys.run(run.id),
    queryFn: ({ signal }) => reviewApi.runReview(run.id, signal),
    initialData: initialReview,
    staleTime: 5_000,
    refetchInterval: live ? 3_000 : false,
  });
  const review = reviewQ.data;
  const groups = useMemo(() => groupByStep(review.modules, stepOrder), [review.modules, stepOrder]);
  const ordered = useMemo(() => groups.flatMap((g) => g.modules), [groups]);

  // Start on the linked file, else the first one still waiting for review; then stay where the reviewer is
  // (approving a file does not move the selection).
  const [picked, setPicked] = useState<string | null>(() => initialModuleId(initialReview.modules, stepOrder, initial.module));
  const selected = ordered.find((m) => m.id === picked) ?? ordered[0] ?? null;
  const [tab, setTab] = useState<"code" | "diff">(initial.tab ?? "code");
  const [mode, setMode] = useState<DiffMode>("split");
  const [announce, setAnnounce] = useState("");
  const [problem, setProblem] = useState<ActionProblem>(null);
  // The deep-link targets apply to the module they were given for only.
  const linkFor = selected && selected.id === initial.module ? initial : {};

  const moduleQ = useQuery({
    queryKey: reviewKeys.module(selected?.id ?? ""),
    queryFn: ({ signal }) => reviewApi.module(selected!.id, signal),
    enabled: !!selected,
    staleTime: 5_000,
  });
  const membersQ = useQuery({ queryKey: reviewKeys.members(slug), queryFn: ({ signal }) => reviewApi.members(slug, signal), staleTime: 60_000, enabled: permissions.canComment });

  // Keep the address shareable: the selected file and tab, without a round trip to the server.
  useEffect(() => {
    if (!selected) return;
    const url = reviewPages.review(slug, run.id, { ...linkFor, module: selected.id, tab });
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(window.history.state, "", url);
    // linkFor only matters while the linked module is shown
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug, run.id, selected?.id, tab]);

  const refresh = useCallback(
    (message: string) => {
      setAnnounce(message);
      void queryClient.invalidateQueries({ queryKey: reviewKeys.run(run.id) });
      if (selected) void queryClient.invalidateQueries({ queryKey: reviewKeys.module(selected.id), exact: true });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.inbox(slug) });
    },
    [queryClient, run.id, selected, slug],
  );

  const changedSteps = [...new Set(review.modules.filter((m) => m.staleness.stale && !isFlowStep(m.step)).map((m) => m.step))];
  const detail = moduleQ.data && moduleQ.data.module.id === selected?.id ? moduleQ.data : null;

  // Once a file is shown, its neighbours in the tree are fetched in the background and highlighted when the browser
  // is idle: the next click (or arrow key) shows them at once, in colour.
  const shownId = detail?.module.id;
  useEffect(() => {
    if (!shownId) return;
    const cancels: (() => void)[] = [];
    for (const m of treeNeighbours(ordered, shownId)) {
      void queryClient
        .fetchQuery({ queryKey: reviewKeys.module(m.id), queryFn: ({ signal }) => reviewApi.module(m.id, signal), staleTime: 5_000 })
        .then((d) => {
          if (!(d.module.id in initialHtml)) cancels.push(whenIdle(() => void highlightHtmlLines(d.module.content, d.module.language).catch(() => undefined)));
        })
        .catch(() => undefined);
    }
    return () => cancels.forEach((c) => c());
    // Only when another file is shown, not when the list refreshes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownId]);

  return (
    <div className="flex flex-col gap-6" data-testid="review-view">
      <PageHeader
        breadcrumb={
          // Not prefetched either (see below): the run page is rendered per request, and its prefetch ran while the
          // reviewer's first click was being answered.
          <Link prefetch={false} href={reviewPages.run(slug, run.id)} className="inline-flex items-center gap-1 rounded underline-offset-4 outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring">
            <ArrowLeft className="size-3.5" aria-hidden="true" /> Run #{run.number}
          </Link>
        }
        title={`Review run #${run.number}`}
        description={
          <>
            {/* Not prefetched: rarely where a reviewer goes next, and rendering them for a prefetch competes with the
                first file the reviewer opens. */}
            Spec{" "}
            <Link prefetch={false} href={reviewPages.spec(slug, run.spec.id)} className="font-medium text-foreground underline-offset-4 hover:underline">
              {run.spec.name}
            </Link>
            , revision{" "}
            <Link prefetch={false} href={reviewPages.specHistory(slug, run.spec.id)} className="font-medium text-foreground underline-offset-4 hover:underline" title={`content hash ${run.spec.revisionHash.slice(0, 12)}…`}>
              #{run.spec.revisionNumber}
            </Link>
            {run.triggeredBy ? <> · triggered by {run.triggeredBy}</> : null} · <RelativeTime iso={run.createdAt} />
          </>
        }
        actions={
          <ReviewActions
            slug={slug}
            run={{ id: run.id, number: run.number, specName: run.spec.name, finished: !live }}
            canExport={permissions.canExport}
            canTrigger={permissions.canTrigger}
            changedSteps={changedSteps}
            compareWith={compareWith}
            onProblem={setProblem}
          />
        }
      >
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm lg:grid-cols-4">
          <Fact label="Review">
            <SummaryBadge summary={review.summary} />
          </Fact>
          <Fact label="Provider · model">
            {run.provider.kind === "offline" ? (
              <span className="flex flex-col items-start gap-1">
                Offline scaffolder
                <OfflineLabel />
              </span>
            ) : (
              <span>
                {run.provider.name} · <span className="font-mono text-xs">{run.provider.model}</span>
              </span>
            )}
          </Fact>
          <Fact label="Approvals per file">
            {review.settings.approvalsRequired}
            <span className="font-normal text-muted-foreground"> · self-approval {review.settings.allowSelfApproval ? "allowed" : "off"}</span>
          </Fact>
          <Fact label="Stale files">
            {changedSteps.length ? (
              <span className="text-warning">
                {plural(review.modules.filter((m) => m.staleness.stale).length, "file")} ({changedSteps.join(", ")} changed)
              </span>
            ) : (
              <span className="font-normal text-muted-foreground">none</span>
            )}
          </Fact>
        </dl>
      </PageHeader>

      <StatusMessage visuallyHidden>{announce}</StatusMessage>

      {problem ? (
        <Alert variant="destructive" data-testid="action-problem">
          <AlertTitle>{problem.title}</AlertTitle>
          <AlertDescription>{problem.message}</AlertDescription>
        </Alert>
      ) : null}
      {live ? (
        <Alert variant="info">
          <AlertTitle>Run #{run.number} is still {run.status}</AlertTitle>
          <AlertDescription>Files appear here as their steps finish. Decisions and exports wait until the run has finished.</AlertDescription>
        </Alert>
      ) : null}
      {reviewQ.isError ? (
        <Alert variant="warning">
          <AlertTitle>Could not refresh the review</AlertTitle>
          <AlertDescription>{reviewQ.error.message}</AlertDescription>
        </Alert>
      ) : null}

      {ordered.length === 0 ? (
        <EmptyState
          icon={FileCode2}
          title={live ? "No files yet" : "This run produced no files"}
          description={live ? "The first step's files show up here as soon as it finishes." : `Run #${run.number} ${run.status === "failed" ? "failed before any step wrote code" : "has nothing to review"}. Open the run to see its events.`}
          action={
            <Link href={reviewPages.run(slug, run.id)} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
              Open run #{run.number}
            </Link>
          }
        />
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
          <aside className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto lg:pr-1">
            <h2 className="mb-2 px-2 text-sm font-semibold">
              Files <span className="font-normal text-muted-foreground">({ordered.length})</span>
            </h2>
            <ModuleTree groups={groups} selectedId={selected?.id ?? null} onSelect={setPicked} label={`Files of run #${run.number}`} />
          </aside>

          {selected ? (
            <div className="flex min-w-0 flex-col gap-4" data-testid="module-panel" data-module-id={selected.id}>
              <div className="flex flex-col gap-2">
                <h2 className="font-mono text-lg font-semibold break-all" data-testid="module-path">
                  {selected.path}
                </h2>
                <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
                  <ReviewStateBadge state={selected.review.state} />
                  {selected.staleness.stale ? <StaleBadge reason={selected.staleness.reason} /> : null}
                  {selected.carriedOver ? <CarriedOverBadge /> : null}
                  <FindingsBadge count={selected.findings} />
                  <ThreadsBadge count={selected.openThreads} />
                  <span>
                    {selected.role} of <span className="font-mono">{isFlowStep(selected.step) ? "the flow" : selected.step}</span> · {selected.language}
                  </span>
                </div>
                {selected.carriedOver ? (
                  <p className="flex items-start gap-2 text-sm text-muted-foreground">
                    <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                    Carried over unchanged from an earlier run by a partial re-run: its reviews and threads came with it.
                  </p>
                ) : null}
              </div>

              {selected.staleness.stale ? <StaleNotice slug={slug} specId={run.spec.id} staleness={selected.staleness} /> : null}

              <div className="grid items-start gap-4 2xl:grid-cols-[minmax(0,1fr)_20rem]">
                <div className="order-2 min-w-0 2xl:order-1">
                  <Tabs value={tab} onValueChange={(v) => setTab(v as "code" | "diff")}>
                    <TabsList aria-label={`Views of ${selected.path}`}>
                      <TabsTrigger value="code">
                        <FileCode2 aria-hidden="true" /> Code
                      </TabsTrigger>
                      <TabsTrigger value="diff">
                        <FileDiff aria-hidden="true" /> Changes
                      </TabsTrigger>
                    </TabsList>
                    <TabsContent value="code">
                      {detail ? (
                        <CodeReview
                          module={detail.module}
                          comments={detail.comments}
                          html={initialHtml[detail.module.id]}
                          me={permissions.userId}
                          canComment={permissions.canComment}
                          members={membersQ.data?.members ?? []}
                          onChanged={refresh}
                          focusLine={linkFor.line ?? null}
                          focusComment={linkFor.comment ?? null}
                        />
                      ) : moduleQ.isError ? (
                        <Alert variant="destructive">
                          <AlertTitle>Could not load {selected.path}</AlertTitle>
                          <AlertDescription>{moduleQ.error.message}</AlertDescription>
                        </Alert>
                      ) : (
                        <div className="flex flex-col gap-2 rounded-lg border p-4" aria-busy="true">
                          <span className="sr-only">Loading {selected.path}…</span>
                          {Array.from({ length: 10 }, (_, i) => (
                            <Skeleton key={i} className="h-4" style={{ width: `${40 + ((i * 37) % 55)}%` }} />
                          ))}
                        </div>
                      )}
                    </TabsContent>
                    <TabsContent value="diff">
                      <ModuleDiffPanel
                        key={selected.id}
                        slug={slug}
                        module={{ id: selected.id, path: selected.path, runId: run.id }}
                        run={{ id: run.id, number: run.number, specId: run.spec.id, revisionNumber: run.spec.revisionNumber }}
                        initialAgainst={linkFor.against ?? null}
                        mode={mode}
                        onModeChange={setMode}
                      />
                    </TabsContent>
                  </Tabs>
                </div>
                <div className="order-1 2xl:sticky 2xl:top-4 2xl:order-2">
                  <DecisionPanel
                    key={selected.id}
                    moduleId={selected.id}
                    path={selected.path}
                    review={selected.review}
                    approvalsRequired={review.settings.approvalsRequired}
                    allowSelfApproval={review.settings.allowSelfApproval}
                    permissions={permissions}
                    runLive={live}
                    onDecided={refresh}
                  />
                </div>
              </div>
              <p className="text-xs text-muted-foreground">
                Step: {stepLabel(selected.step)}. Generated code is never executed by the studio; findings come from reading it.
              </p>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

"use client";

import { useEffect, useId, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { FileCode2, History, ListFilter, Play, X } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { StatusMessage } from "@/components/ui/status-message";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/client/api";
import { errorMessage, providersApi, runPages, runsApi } from "@/lib/runs/client/api";
import { formatCost, formatDuration, formatNumber, formatTokens, pluralize } from "@/lib/runs/client/format";
import { runKeys, settingsKeys } from "@/lib/runs/client/query-keys";
import type { RunListFilters, RunStatus, RunSummary } from "@/lib/runs/client/types";
import { ProviderCell } from "@/components/runs/offline-badge";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { RelativeTime } from "@/components/ui/relative-time";

const ALL = "all";
const STATUSES: RunStatus[] = ["queued", "running", "succeeded", "failed", "cancelled"];
const REFRESH_MS = 2000;

const isActive = (r: RunSummary) => r.status === "queued" || r.status === "running";

export function RunsBrowser({ slug }: { slug: string }) {
  const router = useRouter();
  const [filters, setFilters] = useState<RunListFilters>({});
  const [providerText, setProviderText] = useState("");
  const ids = { status: useId(), spec: useId(), provider: useId(), providers: useId(), from: useId(), to: useId() };

  // The provider box filters as you type, a moment after you stop.
  useEffect(() => {
    const t = setTimeout(() => setFilters((f) => (f.provider === (providerText.trim() || undefined) ? f : { ...f, provider: providerText.trim() || undefined })), 300);
    return () => clearTimeout(t);
  }, [providerText]);

  const query = useInfiniteQuery({
    queryKey: runKeys.list(slug, filters),
    queryFn: ({ pageParam, signal }) => runsApi.list(slug, filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    // Keep the list current while any run on it is still going.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.runs.some(isActive)) ? REFRESH_MS : false),
  });
  const runs = query.data?.pages.flatMap((p) => p.runs) ?? [];
  const live = runs.some(isActive);

  const specs = useQuery({
    queryKey: ["specs", slug, "run-filter"],
    queryFn: ({ signal }) => apiFetch<{ specs: { id: string; name: string; archived: boolean }[] }>(`/api/v1/workspaces/${encodeURIComponent(slug)}/specs?archived=all&limit=200`, { signal }),
    staleTime: 60_000,
  });
  const providers = useQuery({
    queryKey: settingsKeys.providers(slug),
    queryFn: ({ signal }) => providersApi.list(slug, signal),
    retry: false,
    staleTime: 60_000,
  });

  const filtered = Object.values(filters).some(Boolean);
  const set = (patch: Partial<RunListFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <div className="flex flex-col gap-4">
      <form
        role="search"
        aria-label="Filter runs"
        className="flex flex-wrap items-end gap-3 rounded-lg border p-3"
        onSubmit={(e) => {
          e.preventDefault();
          set({ provider: providerText.trim() || undefined });
        }}
      >
        <ListFilter className="mb-2.5 size-4 text-muted-foreground" aria-hidden="true" />
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={ids.status}>Status</Label>
          <Select value={filters.status ?? ALL} onValueChange={(v) => set({ status: v === ALL ? undefined : (v as RunStatus) })}>
            <SelectTrigger id={ids.status} className="w-36">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>Any status</SelectItem>
              {STATUSES.map((s) => (
                <SelectItem key={s} value={s}>
                  {s[0].toUpperCase() + s.slice(1)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={ids.spec}>Spec</Label>
          <Select value={filters.specId ?? ALL} onValueChange={(v) => set({ specId: v === ALL ? undefined : v })}>
            <SelectTrigger id={ids.spec} className="w-56">
              <SelectValue placeholder={specs.isPending ? "Loading specs…" : "Any spec"} />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>Any spec</SelectItem>
              {(specs.data?.specs ?? []).map((s) => (
                <SelectItem key={s.id} value={s.id}>
                  {s.name}
                  {s.archived ? " (archived)" : ""}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={ids.provider}>Provider</Label>
          <Input
            id={ids.provider}
            list={ids.providers}
            value={providerText}
            onChange={(e) => setProviderText(e.target.value)}
            placeholder="Any provider"
            className="w-48"
            autoComplete="off"
          />
          <datalist id={ids.providers}>
            <option value="offline">Offline scaffolder</option>
            {(providers.data?.providers ?? []).map((p) => (
              <option key={p.id} value={p.name} />
            ))}
            <option value="openai" />
            <option value="anthropic" />
            <option value="openai-compatible" />
          </datalist>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={ids.from}>From</Label>
          <Input id={ids.from} type="date" value={filters.from ?? ""} max={filters.to} onChange={(e) => set({ from: e.target.value || undefined })} className="w-40" />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={ids.to}>To</Label>
          <Input id={ids.to} type="date" value={filters.to ?? ""} min={filters.from} onChange={(e) => set({ to: e.target.value || undefined })} className="w-40" />
        </div>
        {filtered || providerText ? (
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setProviderText("");
              setFilters({});
            }}
          >
            <X aria-hidden="true" />
            Clear filters
          </Button>
        ) : null}
        <div className="ml-auto flex items-center gap-2 self-center text-xs text-muted-foreground">
          {live ? (
            <span className="flex items-center gap-1.5">
              <span className="size-2 animate-pulse rounded-full bg-primary motion-reduce:animate-none" aria-hidden="true" />
              Live: refreshing while runs are going
            </span>
          ) : null}
        </div>
      </form>

      <StatusMessage visuallyHidden>
        {query.isPending ? "Loading runs…" : query.isFetching && query.isPlaceholderData ? "Filtering runs…" : query.isSuccess ? `${pluralize(runs.length, "run")} shown` : ""}
      </StatusMessage>

      {query.isPending ? (
        <div className="flex flex-col gap-2" aria-hidden="true">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      ) : query.isError ? (
        <Alert variant="destructive">Could not load the runs: {errorMessage(query.error)}</Alert>
      ) : runs.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={History}
            title="No runs match these filters"
            description="Try another status, spec, provider or date range."
            action={
              <Button
                variant="outline"
                onClick={() => {
                  setProviderText("");
                  setFilters({});
                }}
              >
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={Play}
            title="No runs yet"
            description={
              <>
                A run turns a spec revision into a module and a test for every step, streamed live. To start one, open a spec whose latest revision is
                valid and press <strong>Run</strong>. The built-in offline scaffolder needs no model or key.
              </>
            }
            action={
              <Button asChild>
                <Link href={runPages.specs(slug)}>
                  <FileCode2 aria-hidden="true" />
                  Open specs
                </Link>
              </Button>
            }
          />
        )
      ) : (
        <Table aria-busy={query.isFetching && query.isPlaceholderData} containerClassName={query.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
          <TableCaption className="sr-only">Runs of this workspace, newest first</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Run</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Spec</TableHead>
              <TableHead>Provider</TableHead>
              <TableHead>Triggered by</TableHead>
              <TableHead className="text-right">Duration</TableHead>
              <TableHead className="text-right">Tokens in/out</TableHead>
              <TableHead className="text-right">Cost</TableHead>
              <TableHead>Created</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.map((r) => (
              <TableRow
                key={r.id}
                className="cursor-pointer"
                data-testid="run-row"
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest("a,button")) return;
                  router.push(runPages.run(slug, r.id));
                }}
              >
                <TableCell className="whitespace-nowrap">
                  <Link href={runPages.run(slug, r.id)} className="rounded font-mono font-medium text-primary underline-offset-4 outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring">
                    #{r.number}
                  </Link>
                  {r.rerunOfId ? <span className="block text-xs text-muted-foreground">re-run</span> : null}
                </TableCell>
                <TableCell>
                  <span title={r.error ?? undefined}>
                    <RunStatusBadge status={r.status} />
                  </span>
                </TableCell>
                <TableCell className="max-w-48">
                  <Link href={runPages.spec(slug, r.spec.id)} className="block truncate rounded underline-offset-4 outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring" title={r.spec.name}>
                    {r.spec.name}
                  </Link>
                  <span className="text-xs text-muted-foreground">revision #{r.spec.revisionNumber}</span>
                </TableCell>
                <TableCell>
                  <ProviderCell provider={r.provider} />
                </TableCell>
                <TableCell className="max-w-32 truncate" title={r.triggeredBy ?? undefined}>
                  {r.triggeredBy ?? <span className="text-muted-foreground">—</span>}
                </TableCell>
                <TableCell className="text-right tabular-nums">{isActive(r) ? <span className="text-muted-foreground">in progress</span> : formatDuration(r.durationMs)}</TableCell>
                <TableCell className="text-right tabular-nums" title={`${formatNumber(r.inputTokens)} in, ${formatNumber(r.outputTokens)} out`}>
                  {formatTokens(r.inputTokens)} / {formatTokens(r.outputTokens)}
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatCost(r.costUsd, r.provider)}</TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  <RelativeTime iso={r.createdAt} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {query.hasNextPage ? (
        <Button variant="outline" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} className="self-center">
          Load more runs
        </Button>
      ) : runs.length > 0 && !query.isPending ? (
        <p className="self-center text-xs text-muted-foreground">{runs.length === 1 ? "That is the only run." : `All ${formatNumber(runs.length)} runs shown.`}</p>
      ) : null}
    </div>
  );
}

"use client";

import { useState, type FormEvent } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch } from "@/lib/client/api";
import type { AuditEventView } from "@/lib/audit/queries";
import { AuditEventRow } from "@/components/audit/audit-event-row";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";

interface Filters {
  action?: string;
  q?: string;
  from?: string;
  to?: string;
}

export const auditKeys = {
  list: (slug: string, f: Filters) => ["audit", slug, f] as const,
};

function toQuery(f: Filters, cursor?: string): string {
  const p = new URLSearchParams();
  if (f.action) p.set("action", f.action);
  if (f.q) p.set("q", f.q);
  if (f.from) p.set("from", new Date(f.from).toISOString());
  if (f.to) p.set("to", new Date(f.to).toISOString());
  if (cursor) p.set("cursor", cursor);
  p.set("limit", "50");
  return p.toString();
}

export function AuditBrowser({ slug, canVerify }: { slug: string; canVerify: boolean }) {
  const [filters, setFilters] = useState<Filters>({});
  const query = useInfiniteQuery({
    queryKey: auditKeys.list(slug, filters),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<{ events: AuditEventView[]; nextCursor: string | null }>(`/api/v1/workspaces/${slug}/audit?${toQuery(filters, pageParam)}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const events = query.data?.pages.flatMap((p) => p.events) ?? [];

  function onFilter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? "").trim() || undefined;
    setFilters({ action: v("action"), q: v("q"), from: v("from"), to: v("to") });
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onFilter} className="flex flex-wrap items-end gap-3 rounded-lg border p-3" aria-label="Filter audit events">
        <div className="flex flex-col gap-1">
          <Label htmlFor="audit-action">Action</Label>
          <Input id="audit-action" name="action" placeholder="workspace.created or spec." className="w-56" />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="audit-q">Search</Label>
          <Input id="audit-q" name="q" placeholder="actor, action, resource id" className="w-56" />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="audit-from">From</Label>
          <Input id="audit-from" name="from" type="datetime-local" />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="audit-to">To</Label>
          <Input id="audit-to" name="to" type="datetime-local" />
        </div>
        <Button type="submit" variant="secondary">Apply filters</Button>
        {canVerify ? <div className="ml-auto"><VerifyChainButton slug={slug} /></div> : null}
      </form>

      {query.isPending ? (
        <div className="flex items-center gap-2 text-sm text-muted-foreground"><Spinner /> Loading audit events…</div>
      ) : query.isError ? (
        <Alert variant="destructive">Could not load the audit trail: {query.error.message}</Alert>
      ) : events.length === 0 ? (
        <EmptyState
          icon={ShieldCheck}
          title={Object.values(filters).some(Boolean) ? "No events match these filters" : "No audit events yet"}
          description="Every change in this workspace (specs, runs, reviews, members, settings) is recorded here, hash-chained and append-only."
        />
      ) : (
        <ol className="flex flex-col divide-y rounded-lg border" aria-label="Audit events, newest first">
          {events.map((e) => (
            <AuditEventRow key={e.id} event={e} />
          ))}
        </ol>
      )}
      {query.hasNextPage ? (
        <Button variant="outline" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} className="self-center">
          Load older events
        </Button>
      ) : null}
    </div>
  );
}

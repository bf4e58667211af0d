"use client";

import { useMemo, useState, type FormEvent } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Download, FileJson, FileSpreadsheet, ShieldCheck, X } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch } from "@/lib/client/api";
import type { AuditEventView } from "@/lib/audit/queries";
import { AuditEventRow } from "@/components/audit/audit-event-row";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { memberKeys, membersApi } from "@/components/settings/members/api";

/** The list API's filters (lib/audit/queries.ts auditListQuerySchema); from/to are ISO strings. */
export interface AuditFilters {
  action?: string;
  actor?: string;
  resourceType?: string;
  resourceId?: string;
  q?: string;
  from?: string;
  to?: string;
}

const FILTER_KEYS = ["q", "action", "actor", "resourceType", "resourceId", "from", "to"] as const satisfies readonly (keyof AuditFilters)[];
const FILTER_LABELS: Record<keyof AuditFilters, string> = {
  q: "search",
  action: "action",
  actor: "actor",
  resourceType: "resource type",
  resourceId: "resource",
  from: "from",
  to: "to",
};

/** Suggestions for the action and resource type fields (any other value works too; "spec." matches a prefix). */
const ACTION_SUGGESTIONS = [
  "workspace.", "spec.", "run.", "review.", "member.", "token.", "provider.", "limits.changed", "settings.", "export.", "audit.exported",
  "member.invited", "member.joined", "member.role_changed", "member.removed", "token.created", "token.revoked", "spec.updated", "run.triggered",
];
const RESOURCE_SUGGESTIONS = ["workspace", "spec", "spec_revision", "run", "module", "review_comment", "membership", "invitation", "api_token", "provider", "audit_trail"];

export const auditKeys = {
  list: (slug: string, f: AuditFilters) => ["audit", slug, f] as const,
};

export function filtersFromParams(params: URLSearchParams): AuditFilters {
  const f: AuditFilters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k)?.trim();
    if (v) f[k] = v;
  }
  return f;
}

export function filtersToParams(f: AuditFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) p.set(k, f[k]!);
  return p;
}

function listQuery(f: AuditFilters, cursor?: string): string {
  const p = filtersToParams(f);
  if (cursor) p.set("cursor", cursor);
  p.set("limit", "50");
  return p.toString();
}

/** ISO → the value of a datetime-local input (local time, minutes). */
function toLocalInput(iso?: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : undefined);

const ANYONE = "__anyone";

export function AuditBrowser({ slug, canVerify }: { slug: string; canVerify: boolean }) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(searchParams.toString())), [searchParams]);

  const members = useQuery({ queryKey: memberKeys.members(slug), queryFn: ({ signal }) => membersApi.list(slug, signal) });
  const query = useInfiniteQuery({
    queryKey: auditKeys.list(slug, filters),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<{ events: AuditEventView[]; nextCursor: string | null }>(`/api/v1/workspaces/${slug}/audit?${listQuery(filters, pageParam)}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const events = query.data?.pages.flatMap((p) => p.events) ?? [];
  const active = FILTER_KEYS.filter((k) => filters[k]);

  const hrefFor = (f: AuditFilters) => {
    const qs = filtersToParams(f).toString();
    return qs ? `${pathname}?${qs}` : pathname;
  };
  const navigate = (f: AuditFilters) => window.history.pushState(null, "", hrefFor(f));
  const exportHref = (format: "csv" | "jsonl") => {
    const p = filtersToParams(filters);
    p.set("format", format);
    return `/api/v1/workspaces/${slug}/audit/export?${p.toString()}`;
  };

  const memberList = members.data?.members ?? [];

  return (
    <div className="flex flex-col gap-4">
      {/* keyed by the URL: when it changes (back button, an "only this actor" link) the form starts from it again */}
      <FilterForm key={searchParams.toString()} filters={filters} members={memberList} navigate={navigate} exportHref={exportHref} />
      {canVerify ? (
        <div className="flex justify-end">
          <VerifyChainButton slug={slug} />
        </div>
      ) : null}

      {query.isPending ? (
        <div className="flex items-center gap-2 text-sm text-muted-foreground">
          <Spinner /> Loading audit events…
        </div>
      ) : query.isError ? (
        <Alert variant="destructive">Could not load the audit trail: {query.error.message}</Alert>
      ) : events.length === 0 ? (
        <EmptyState
          icon={ShieldCheck}
          title={active.length ? "No events match these filters" : "No audit events yet"}
          description="Every change in this workspace (specs, runs, reviews, members, settings) is recorded here, hash-chained and append-only."
        />
      ) : (
        <ol className="flex flex-col divide-y rounded-lg border" aria-label="Audit events, newest first">
          {events.map((e) => (
            <AuditEventRow
              key={e.id}
              event={e}
              links={{
                actorHref: e.actor.id && filters.actor !== e.actor.id ? hrefFor({ ...filters, actor: e.actor.id }) : null,
                resourceHref: e.resource.id && filters.resourceId !== e.resource.id ? hrefFor({ ...filters, resourceType: e.resource.type, resourceId: e.resource.id }) : null,
                onFollow: (href) => window.history.pushState(null, "", href),
              }}
            />
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

interface MemberOption {
  userId: string;
  email: string;
  name: string;
}

function FilterForm({
  filters,
  members: memberList,
  navigate,
  exportHref,
}: {
  filters: AuditFilters;
  members: MemberOption[];
  navigate: (f: AuditFilters) => void;
  exportHref: (format: "csv" | "jsonl") => string;
}) {
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const active = FILTER_KEYS.filter((k) => filters[k]);
  function onFilter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const clean: AuditFilters = {};
    for (const k of FILTER_KEYS) {
      const v = draft[k]?.trim();
      if (v) clean[k] = v;
    }
    navigate(clean);
  }

  const setRange = (hours: number) => setDraft((d) => ({ ...d, from: new Date(Date.now() - hours * 3600_000).toISOString(), to: undefined }));
  const actorLabel = (id: string) => memberList.find((m) => m.userId === id)?.email ?? id;
  const chipValue = (k: keyof AuditFilters, v: string) => (k === "actor" ? actorLabel(v) : k === "from" || k === "to" ? new Date(v).toLocaleString() : v);

  return (
    <form onSubmit={onFilter} className="flex flex-col gap-3 rounded-lg border p-3" aria-label="Filter audit events">
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-q">Search</Label>
          <Input id="audit-q" name="q" placeholder="actor, action, resource id" value={draft.q ?? ""} onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value }))} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <Input
            id="audit-action"
            name="action"
            list="audit-action-suggestions"
            placeholder="member.invited, or spec. for all"
            value={draft.action ?? ""}
            onChange={(e) => setDraft((d) => ({ ...d, action: e.target.value }))}
          />
          <datalist id="audit-action-suggestions">
            {ACTION_SUGGESTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-actor">Actor</Label>
          <Select value={draft.actor ?? ANYONE} onValueChange={(v) => setDraft((d) => ({ ...d, actor: v === ANYONE ? undefined : v }))}>
            <SelectTrigger id="audit-actor" className="min-w-0 [&>span:first-child]:min-w-0 [&>span:first-child]:overflow-hidden">
              <SelectValue>
                <span className="block truncate">{draft.actor ? actorLabel(draft.actor) : "Anyone"}</span>
              </SelectValue>
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANYONE}>Anyone</SelectItem>
              {draft.actor && !memberList.some((m) => m.userId === draft.actor) ? <SelectItem value={draft.actor}>{draft.actor}</SelectItem> : null}
              {memberList.map((m) => (
                <SelectItem key={m.userId} value={m.userId}>
                  {m.name ? `${m.name} · ${m.email}` : m.email}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-resource-type">Resource type</Label>
          <Input
            id="audit-resource-type"
            name="resourceType"
            list="audit-resource-suggestions"
            placeholder="spec, run, membership"
            value={draft.resourceType ?? ""}
            onChange={(e) => setDraft((d) => ({ ...d, resourceType: e.target.value }))}
          />
          <datalist id="audit-resource-suggestions">
            {RESOURCE_SUGGESTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-from">From</Label>
          <Input id="audit-from" name="from" type="datetime-local" className="w-52" value={toLocalInput(draft.from)} onChange={(e) => setDraft((d) => ({ ...d, from: fromLocalInput(e.target.value) }))} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-to">To</Label>
          <Input id="audit-to" name="to" type="datetime-local" className="w-52" value={toLocalInput(draft.to)} onChange={(e) => setDraft((d) => ({ ...d, to: fromLocalInput(e.target.value) }))} />
        </div>
        <div className="flex items-center gap-1 pb-0.5" role="group" aria-label="Quick time ranges">
          <Button type="button" variant="ghost" size="sm" onClick={() => setRange(24)}>
            Last 24 h
          </Button>
          <Button type="button" variant="ghost" size="sm" onClick={() => setRange(24 * 7)}>
            7 days
          </Button>
          <Button type="button" variant="ghost" size="sm" onClick={() => setRange(24 * 30)}>
            30 days
          </Button>
        </div>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Button type="submit" variant="secondary">
            Apply filters
          </Button>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button type="button" variant="outline">
                <Download aria-hidden="true" /> Export
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end" className="w-72">
              <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
                {active.length ? "Every event matching the applied filters" : "The whole audit trail"}, oldest first, streamed as a file.
              </DropdownMenuLabel>
              <DropdownMenuSeparator />
              <DropdownMenuItem asChild>
                <a href={exportHref("csv")} download>
                  <FileSpreadsheet aria-hidden="true" /> CSV (spreadsheets)
                </a>
              </DropdownMenuItem>
              <DropdownMenuItem asChild>
                <a href={exportHref("jsonl")} download>
                  <FileJson aria-hidden="true" /> JSON Lines (with hashes)
                </a>
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      </div>
      {active.length ? (
        <div className="flex flex-wrap items-center gap-2 border-t pt-3 text-xs" aria-label="Applied filters" role="group">
          <span className="text-muted-foreground">Showing events with</span>
          {active.map((k) => (
            <span key={k} className="inline-flex items-center gap-1 rounded-md border bg-muted/50 py-0.5 pr-0.5 pl-2">
              <span className="text-muted-foreground">{FILTER_LABELS[k]}:</span>
              <span className="max-w-64 truncate font-medium">{chipValue(k, filters[k]!)}</span>
              <button
                type="button"
                className="inline-flex size-5 items-center justify-center rounded-sm text-muted-foreground outline-hidden hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
                onClick={() => navigate({ ...filters, [k]: undefined })}
                aria-label={`Remove the ${FILTER_LABELS[k]} filter`}
              >
                <X className="size-3.5" aria-hidden="true" />
              </button>
            </span>
          ))}
          <Button type="button" variant="link" size="sm" className="h-auto px-1 text-xs" onClick={() => navigate({})}>
            Clear all
          </Button>
        </div>
      ) : null}
    </form>
  );
}

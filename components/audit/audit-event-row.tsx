"use client";

import { useState } from "react";
import { ChevronRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { AuditEventView } from "@/lib/audit/queries";
import { cn } from "@/lib/utils/cn";
import { AuditDiff } from "@/components/audit/audit-diff";
import { prettyJson } from "@/components/audit/json-diff";

export interface AuditFilterLinks {
  /** href that narrows the list to this actor / resource (or null when the event has none) */
  actorHref: string | null;
  resourceHref: string | null;
  onFollow: (href: string) => void;
}

const linkClass = "rounded text-primary underline-offset-4 outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring";

export function AuditEventRow({ event, links }: { event: AuditEventView; links?: AuditFilterLinks }) {
  const [open, setOpen] = useState(false);
  const hasChange = event.before != null || event.after != null;
  const time = new Date(event.occurredAt);
  const follow = (href: string) => (e: React.MouseEvent) => {
    if (!links || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    links.onFollow(href);
  };
  return (
    <li className="px-4 py-3" data-testid="audit-event">
      <button
        type="button"
        className="flex w-full items-center gap-3 rounded text-left text-sm focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-ring"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <ChevronRight className={cn("size-4 shrink-0 transition-transform", open && "rotate-90")} aria-hidden />
        <Badge variant="secondary" className="font-mono">
          {event.action}
        </Badge>
        <span className="truncate">
          {event.actor.label ?? event.actor.type}
          <span className="text-muted-foreground">
            {" "}
            · {event.resource.type}
            {event.resource.id ? ` ${event.resource.id}` : ""}
          </span>
        </span>
        <time className="ml-auto shrink-0 text-xs text-muted-foreground" dateTime={event.occurredAt} title={event.occurredAt}>
          {time.toLocaleString()}
        </time>
      </button>
      {open ? (
        <dl className="mt-3 grid grid-cols-[7rem_minmax(0,1fr)] gap-x-4 gap-y-2 pl-7 text-xs">
          <dt className="text-muted-foreground">Event</dt>
          <dd className="font-mono" title={event.hash}>
            #{event.seq} · {event.hash.slice(0, 16)}…
          </dd>
          <dt className="text-muted-foreground">Actor</dt>
          <dd className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>
              {event.actor.label ?? event.actor.type} <span className="text-muted-foreground">({event.actor.type}{event.actor.id ? ` ${event.actor.id}` : ""})</span>
            </span>
            {links?.actorHref ? (
              <a href={links.actorHref} onClick={follow(links.actorHref)} className={linkClass}>
                Only this actor
              </a>
            ) : null}
          </dd>
          <dt className="text-muted-foreground">Resource</dt>
          <dd className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="font-mono">
              {event.resource.type}
              {event.resource.id ? ` ${event.resource.id}` : ""}
            </span>
            {links?.resourceHref ? (
              <a href={links.resourceHref} onClick={follow(links.resourceHref)} className={linkClass}>
                Only this resource
              </a>
            ) : null}
          </dd>
          <dt className="text-muted-foreground">From</dt>
          <dd>
            {event.ip ?? "—"} · {event.userAgent ?? "—"}
          </dd>
          {hasChange ? (
            <>
              <dt className="text-muted-foreground">Change</dt>
              <dd className="min-w-0">
                <AuditDiff before={event.before} after={event.after} />
              </dd>
            </>
          ) : null}
          {event.metadata != null ? (
            <>
              <dt className="text-muted-foreground">Details</dt>
              <dd className="min-w-0">
                <pre className="overflow-x-auto rounded-md border bg-muted/30 p-2 font-mono text-[12px]">{prettyJson(event.metadata)}</pre>
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </li>
  );
}

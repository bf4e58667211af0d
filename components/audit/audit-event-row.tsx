"use client";

import { useState } from "react";
import { ChevronRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { AuditEventView } from "@/lib/audit/queries";
import { cn } from "@/lib/utils/cn";

export function AuditEventRow({ event }: { event: AuditEventView }) {
  const [open, setOpen] = useState(false);
  const hasDetail = event.before != null || event.after != null || event.metadata != null;
  const time = new Date(event.occurredAt);
  return (
    <li className="px-4 py-3" data-testid="audit-event">
      <button
        type="button"
        className="flex w-full items-center gap-3 text-left text-sm focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-ring rounded"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <ChevronRight className={cn("size-4 shrink-0 transition-transform", open && "rotate-90")} aria-hidden />
        <Badge variant="secondary" className="font-mono">{event.action}</Badge>
        <span className="truncate">
          {event.actor.label ?? event.actor.type}
          <span className="text-muted-foreground"> · {event.resource.type}{event.resource.id ? ` ${event.resource.id}` : ""}</span>
        </span>
        <time className="ml-auto shrink-0 text-xs text-muted-foreground" dateTime={event.occurredAt} title={event.occurredAt}>
          {time.toLocaleString()}
        </time>
      </button>
      {open ? (
        <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 pl-7 text-xs">
          <dt className="text-muted-foreground">Event</dt>
          <dd className="font-mono">#{event.seq} · {event.hash.slice(0, 16)}…</dd>
          <dt className="text-muted-foreground">Actor</dt>
          <dd>{event.actor.type} {event.actor.id ?? ""}</dd>
          <dt className="text-muted-foreground">From</dt>
          <dd>{event.ip ?? "—"} · {event.userAgent ?? "—"}</dd>
          {hasDetail ? (
            <>
              {event.before != null ? <><dt className="text-muted-foreground">Before</dt><dd><pre className="overflow-x-auto rounded bg-muted p-2 font-mono">{JSON.stringify(event.before, null, 2)}</pre></dd></> : null}
              {event.after != null ? <><dt className="text-muted-foreground">After</dt><dd><pre className="overflow-x-auto rounded bg-muted p-2 font-mono">{JSON.stringify(event.after, null, 2)}</pre></dd></> : null}
              {event.metadata != null ? <><dt className="text-muted-foreground">Details</dt><dd><pre className="overflow-x-auto rounded bg-muted p-2 font-mono">{JSON.stringify(event.metadata, null, 2)}</pre></dd></> : null}
            </>
          ) : null}
        </dl>
      ) : null}
    </li>
  );
}

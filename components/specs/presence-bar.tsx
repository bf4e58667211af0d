"use client";

import { Users } from "lucide-react";
import type { Peer } from "@/components/specs/use-collab-editor";

/** Who has this spec open: a colour dot and a name each, you first as “You”. Announced politely as people come and go. */
export function PresenceBar({ peers }: { peers: Peer[] }) {
  const others = peers.filter((p) => !p.self).length;
  const summary = others === 0 ? "Only you are here" : `${others} ${others === 1 ? "other person is" : "other people are"} here`;
  return (
    <section aria-label="People editing this spec" className="flex min-w-0 items-center gap-2 text-sm">
      <Users className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
      <div role="status" aria-live="polite" aria-atomic="true" className="flex min-w-0 flex-wrap items-center gap-1.5">
        <span className="sr-only">{summary}:</span>
        <ul className="flex flex-wrap items-center gap-1.5" aria-label="Here now">
          {peers.map((p) => (
            <li
              key={p.clientId}
              data-testid="presence-peer"
              className="inline-flex max-w-48 items-center gap-1.5 rounded-full border bg-background px-2 py-0.5 text-xs font-medium"
            >
              <span className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: p.color }} aria-hidden="true" />
              <span className="truncate">{p.self ? "You" : p.name}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

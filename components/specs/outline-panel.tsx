"use client";

import { ListTree } from "lucide-react";
import type { OutlineEntry } from "@/lib/specs/format";

/** The steps of the spec in order; choosing one puts the cursor on its id. */
export function OutlinePanel({ outline, onJump }: { outline: readonly OutlineEntry[] | null; onJump: (line: number, column: number) => void }) {
  return (
    <nav aria-labelledby="outline-heading" className="flex min-h-0 flex-col self-start rounded-lg border bg-card lg:sticky lg:top-6">
      <h2 id="outline-heading" className="flex items-center gap-2 border-b px-4 py-2 text-sm font-semibold">
        <ListTree className="size-4 text-muted-foreground" aria-hidden="true" />
        Steps
        {outline ? <span className="ml-auto text-xs font-normal text-muted-foreground">{outline.length}</span> : null}
      </h2>
      {outline && outline.length > 0 ? (
        <ol className="max-h-[60vh] overflow-y-auto py-1">
          {outline.map((step, i) => (
            <li key={`${step.id}:${step.line}`}>
              <button
                type="button"
                onClick={() => onJump(step.line, step.column)}
                className="flex w-full items-baseline gap-2 px-4 py-1.5 text-left text-sm outline-hidden hover:bg-accent/60 focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
              >
                <span className="w-5 shrink-0 text-right text-xs text-muted-foreground tabular-nums" aria-hidden="true">
                  {i + 1}.
                </span>
                <span className="min-w-0 flex-1 truncate font-mono text-[13px]">{step.id}</span>
                <span className="shrink-0 text-xs text-muted-foreground tabular-nums">line {step.line}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="px-4 py-3 text-sm text-muted-foreground">
          {outline ? (
            <>
              No steps yet. Add them under <code className="font-mono text-xs">workflow.steps</code>, e.g.{" "}
              <code className="font-mono text-xs">- id: validate_input</code>.
            </>
          ) : (
            "Loading…"
          )}
        </p>
      )}
    </nav>
  );
}

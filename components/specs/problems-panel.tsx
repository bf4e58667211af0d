"use client";

import { CircleCheck, CircleX, TriangleAlert } from "lucide-react";
import type { Diagnostic } from "@/lib/specs/client/types";
import { cn } from "@/lib/utils/cn";

function summarize(list: readonly Diagnostic[]): string {
  const errors = list.filter((d) => d.severity === "error").length;
  const warnings = list.length - errors;
  if (list.length === 0) return "No problems";
  const parts = [];
  if (errors) parts.push(`${errors} ${errors === 1 ? "error" : "errors"}`);
  if (warnings) parts.push(`${warnings} ${warnings === 1 ? "warning" : "warnings"}`);
  return parts.join(", ");
}

/** Every diagnostic of the live text; choosing one puts the cursor on it. */
export function ProblemsPanel({
  diagnostics,
  ready,
  onJump,
}: {
  diagnostics: readonly Diagnostic[] | null;
  ready: boolean;
  onJump: (line: number, column: number) => void;
}) {
  const list = diagnostics ?? [];
  const errors = list.filter((d) => d.severity === "error").length;
  return (
    <section aria-labelledby="problems-heading" className="flex min-h-0 flex-col rounded-lg border bg-card">
      <header className="flex items-center justify-between gap-3 border-b px-4 py-2">
        <h2 id="problems-heading" className="text-sm font-semibold">
          Problems
        </h2>
        <p
          role="status"
          aria-live="polite"
          data-testid="problems-summary"
          className={cn("text-xs font-medium", !ready ? "text-muted-foreground" : errors ? "text-destructive" : list.length ? "text-warning" : "text-success")}
        >
          {ready && diagnostics ? summarize(list) : "Checking…"}
        </p>
      </header>
      {ready && diagnostics && list.length === 0 ? (
        <p className="flex items-center gap-2 px-4 py-3 text-sm text-muted-foreground">
          <CircleCheck className="size-4 text-success" aria-hidden="true" />
          This spec is valid: every step is well-formed and the dependencies have no cycles.
        </p>
      ) : ready && diagnostics ? (
        <ul className="max-h-56 divide-y overflow-y-auto" aria-label="Problems in the spec">
          {list.map((d, i) => {
            const Icon = d.severity === "error" ? CircleX : TriangleAlert;
            return (
              <li key={`${d.line}:${d.column}:${i}`}>
                <button
                  type="button"
                  onClick={() => onJump(d.line, d.column)}
                  className="flex w-full items-start gap-3 px-4 py-2 text-left text-sm outline-hidden hover:bg-accent/60 focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
                >
                  <Icon
                    className={cn("mt-0.5 size-4 shrink-0", d.severity === "error" ? "text-destructive" : "text-warning")}
                    role="img"
                    aria-label={d.severity === "error" ? "Error" : "Warning"}
                  />
                  <span className="grid min-w-0 flex-1 gap-0.5">
                    <span className="break-words">{d.message}</span>
                    <span className="font-mono text-xs text-muted-foreground">
                      Line {d.line}, column {d.column}
                      {d.path ? ` · ${d.path}` : ""}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="px-4 py-3 text-sm text-muted-foreground">Problems appear here as soon as the document has loaded.</p>
      )}
    </section>
  );
}

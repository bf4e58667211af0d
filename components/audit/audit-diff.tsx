"use client";

import { useMemo } from "react";
import { cn } from "@/lib/utils/cn";
import { changedKeys, jsonLineDiff, type KeyChange } from "@/components/audit/json-diff";

const short = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? "—" : s.length > 40 ? `${s.slice(0, 39)}…` : s;
};

function KeyChip({ c }: { c: KeyChange }) {
  const tone =
    c.kind === "added"
      ? "border-success/30 bg-success/10 text-success"
      : c.kind === "removed"
        ? "border-destructive/30 bg-destructive/10 text-destructive"
        : "border-warning/40 bg-warning/10 text-foreground";
  return (
    <span className={cn("inline-flex max-w-full items-center gap-1.5 rounded-md border px-1.5 py-0.5 font-mono text-[11px]", tone)} data-testid="audit-changed-key" data-kind={c.kind}>
      <span className="font-semibold">{c.path || "(value)"}</span>
      {c.kind === "changed" ? (
        <span className="truncate">
          {short(c.before)} → {short(c.after)}
        </span>
      ) : (
        <span className="opacity-80">{c.kind}</span>
      )}
    </span>
  );
}

/** What an audit event changed: the keys that differ, then a line diff of before → after (pretty JSON, sorted keys). */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const keys = useMemo(() => changedKeys(before, after), [before, after]);
  const rows = useMemo(() => jsonLineDiff(before, after), [before, after]);
  const summary =
    before == null ? "Created with these values" : after == null ? "Removed; it had these values" : keys.length === 0 ? "No difference" : `${keys.length} ${keys.length === 1 ? "key" : "keys"} changed`;
  return (
    <div className="flex min-w-0 flex-col gap-2" data-testid="audit-diff">
      <p className="text-muted-foreground">{summary}</p>
      {before != null && after != null && keys.length > 0 ? (
        <div className="flex flex-wrap gap-1.5" aria-label="Changed keys" role="group">
          {keys.slice(0, 20).map((c) => (
            <KeyChip key={c.path} c={c} />
          ))}
          {keys.length > 20 ? <span className="text-muted-foreground">and {keys.length - 20} more</span> : null}
        </div>
      ) : null}
      <div className="overflow-x-auto rounded-md border bg-muted/30 py-1 font-mono text-[12px] leading-5">
        {rows.map((r, i) =>
          r.kind === "skipped" ? (
            <div key={i} className="bg-muted px-3 text-muted-foreground italic">
              ⋯ {r.count} unchanged {r.count === 1 ? "line" : "lines"}
            </div>
          ) : (
            <div
              key={i}
              className={cn(
                "flex min-w-fit whitespace-pre",
                r.kind === "added" && "bg-success/10",
                r.kind === "removed" && "bg-destructive/10",
                r.kind === "same" && "text-muted-foreground",
              )}
              data-kind={r.kind}
            >
              <span
                className={cn("w-6 shrink-0 text-center select-none", r.kind === "added" ? "text-success" : r.kind === "removed" ? "text-destructive" : "text-transparent")}
                aria-hidden="true"
              >
                {r.kind === "added" ? "+" : r.kind === "removed" ? "−" : " "}
              </span>
              <span className="sr-only">{r.kind === "added" ? "added: " : r.kind === "removed" ? "removed: " : ""}</span>
              <span className="pr-3">
                {r.segments.map((s, k) =>
                  s.changed ? (
                    <mark key={k} className={cn("rounded-[2px] text-inherit", r.kind === "added" ? "bg-success/30" : "bg-destructive/30")}>
                      {s.text}
                    </mark>
                  ) : (
                    <span key={k}>{s.text}</span>
                  ),
                )}
              </span>
            </div>
          ),
        )}
      </div>
    </div>
  );
}

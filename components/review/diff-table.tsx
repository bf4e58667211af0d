"use client";

import { useMemo } from "react";
import { Columns2, Rows2 } from "lucide-react";
import { splitRows, unifiedRows, type LineKind, type SplitCell } from "@/lib/review/client/diff-rows";
import { plural } from "@/lib/review/client/format";
import type { TextDiff } from "@/lib/review/client/types";
import { cn } from "@/lib/utils/cn";

export type DiffMode = "split" | "unified";

const ROW_TONE: Record<LineKind, string> = {
  context: "",
  add: "bg-success/10",
  del: "bg-destructive/10",
};
const SIGN: Record<LineKind, string> = { context: " ", add: "+", del: "−" };
const WORD: Record<LineKind, string> = { context: "", add: "added: ", del: "removed: " };

/** "Side by side" / "Inline" as a pair of toggle buttons. */
export function DiffModeToggle({ mode, onChange }: { mode: DiffMode; onChange: (m: DiffMode) => void }) {
  const item = (m: DiffMode, label: string, Icon: typeof Columns2) => (
    <button
      type="button"
      aria-pressed={mode === m}
      onClick={() => onChange(m)}
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium transition-colors",
        "outline-hidden focus-visible:ring-2 focus-visible:ring-ring",
        mode === m ? "bg-background text-foreground shadow-sm dark:bg-secondary" : "text-muted-foreground hover:text-foreground",
      )}
    >
      <Icon className="size-3.5" aria-hidden="true" />
      {label}
    </button>
  );
  return (
    <div role="group" aria-label="Diff layout" className="inline-flex items-center gap-1 rounded-lg bg-muted p-1">
      {item("split", "Side by side", Columns2)}
      {item("unified", "Inline", Rows2)}
    </div>
  );
}

/** "+4 −2" in colour, with words for screen readers. */
export function DiffStat({ diff, className }: { diff: Pick<TextDiff, "added" | "removed">; className?: string }) {
  return (
    <span className={cn("inline-flex gap-2 font-mono text-xs tabular-nums", className)}>
      <span className="text-success">
        +{diff.added}
        <span className="sr-only"> {diff.added === 1 ? "line added" : "lines added"}</span>
      </span>
      <span className="text-destructive">
        −{diff.removed}
        <span className="sr-only"> {diff.removed === 1 ? "line removed" : "lines removed"}</span>
      </span>
    </span>
  );
}

function Cell({ cell, side }: { cell: SplitCell | null; side: "old" | "new" }) {
  if (!cell) {
    return (
      <>
        <td className="w-px border-r bg-muted/40 select-none" />
        <td className="border-r bg-muted/40" />
      </>
    );
  }
  return (
    <>
      <td className={cn("w-px px-2 text-right align-top text-muted-foreground/80 tabular-nums select-none", ROW_TONE[cell.kind])}>
        <span className="sr-only">{side === "old" ? "old line " : "new line "}</span>
        {cell.no}
      </td>
      <td className={cn("border-r px-2 align-top break-words whitespace-pre-wrap", ROW_TONE[cell.kind])}>
        <span className={cn("mr-2 inline-block w-2 select-none", cell.kind === "add" ? "text-success" : cell.kind === "del" ? "text-destructive" : "text-transparent")} aria-hidden="true">
          {SIGN[cell.kind]}
        </span>
        <span className="sr-only">{WORD[cell.kind]}</span>
        {cell.text || "\u200b"}
      </td>
    </>
  );
}

/**
 * A diff from hunks (3 lines of context), side by side or inline, as a table: numbers, signs and the words
 * "added"/"removed" for screen readers; colour is never the only cue.
 */
export function DiffTable({ diff, mode, caption, beforeLabel, afterLabel }: { diff: TextDiff; mode: DiffMode; caption: string; beforeLabel: string; afterLabel: string }) {
  const split = useMemo(() => (mode === "split" ? splitRows(diff.hunks) : []), [diff.hunks, mode]);
  const unified = useMemo(() => (mode === "unified" ? unifiedRows(diff.hunks) : []), [diff.hunks, mode]);
  const hunkRow = (header: string, hidden: number, key: string, span: number) => (
    <tr key={key} className="bg-primary/5 text-muted-foreground">
      <th scope="rowgroup" colSpan={span} className="px-3 py-1 text-left text-xs font-normal">
        <span className="font-mono">{header}</span>
        {hidden ? <span className="ml-2 font-sans">· {plural(hidden, "unchanged line")} above not shown</span> : null}
      </th>
    </tr>
  );

  return (
    <div className="overflow-x-auto rounded-lg border bg-code text-code-foreground" data-testid="diff-table" data-mode={mode}>
      <table className="w-full border-collapse font-mono text-[12.5px] leading-5 [font-variant-ligatures:none]">
        <caption className="sr-only">{caption}</caption>
        {mode === "split" ? (
          <>
            <colgroup>
              <col className="w-[1%]" />
              <col className="w-[49%]" />
              <col className="w-[1%]" />
              <col className="w-[49%]" />
            </colgroup>
            <thead className="border-b bg-muted font-sans text-xs">
              <tr>
                <th scope="col" colSpan={2} className="border-r px-3 py-1.5 text-left font-medium text-destructive">
                  Before: {beforeLabel}
                </th>
                <th scope="col" colSpan={2} className="px-3 py-1.5 text-left font-medium text-success">
                  After: {afterLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {split.map((r, i) =>
                r.type === "hunk" ? (
                  hunkRow(r.header, r.hidden, `h${i}`, 4)
                ) : (
                  <tr key={i} data-kind={r.left?.kind === "del" || r.right?.kind === "add" ? "change" : "context"}>
                    <Cell cell={r.left} side="old" />
                    <Cell cell={r.right} side="new" />
                  </tr>
                ),
              )}
            </tbody>
          </>
        ) : (
          <>
            <thead className="border-b bg-muted font-sans text-xs">
              <tr>
                <th scope="col" className="w-px px-2 py-1.5 text-right font-medium text-destructive" title={beforeLabel}>
                  <span className="sr-only">Line in {beforeLabel}</span>
                  <span aria-hidden="true">old</span>
                </th>
                <th scope="col" className="w-px px-2 py-1.5 text-right font-medium text-success" title={afterLabel}>
                  <span className="sr-only">Line in {afterLabel}</span>
                  <span aria-hidden="true">new</span>
                </th>
                <th scope="col" className="px-3 py-1.5 text-left font-medium">
                  {beforeLabel} → {afterLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {unified.map((r, i) =>
                r.type === "hunk" ? (
                  hunkRow(r.header, r.hidden, `h${i}`, 3)
                ) : (
                  <tr key={i} className={ROW_TONE[r.kind]} data-kind={r.kind}>
                    <td className="w-px px-2 text-right align-top text-muted-foreground/80 tabular-nums select-none">{r.oldNo ?? ""}</td>
                    <td className="w-px border-r px-2 text-right align-top text-muted-foreground/80 tabular-nums select-none">{r.newNo ?? ""}</td>
                    <td className="px-2 align-top break-words whitespace-pre-wrap">
                      <span className={cn("mr-2 inline-block w-2 select-none", r.kind === "add" ? "text-success" : r.kind === "del" ? "text-destructive" : "text-transparent")} aria-hidden="true">
                        {SIGN[r.kind]}
                      </span>
                      <span className="sr-only">{WORD[r.kind]}</span>
                      {r.text || "\u200b"}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </>
        )}
      </table>
    </div>
  );
}

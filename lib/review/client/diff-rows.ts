import { structuredPatch } from "diff";
import type { Hunk, TextDiff } from "@/lib/review/client/types";

export type LineKind = "context" | "add" | "del";

export interface UnifiedRow {
  type: "line";
  kind: LineKind;
  oldNo: number | null;
  newNo: number | null;
  text: string;
}

export interface HunkHeaderRow {
  type: "hunk";
  header: string;
  /** lines skipped before this hunk in the new text (0 for a hunk at the top) */
  hidden: number;
}

export interface SplitCell {
  no: number;
  text: string;
  kind: LineKind;
}

export interface SplitRow {
  type: "pair";
  left: SplitCell | null;
  right: SplitCell | null;
}

const strip = (l: string) => l.slice(1);

function headerOf(h: Hunk, previousEnd: number): HunkHeaderRow {
  return {
    type: "hunk",
    header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
    hidden: Math.max(0, h.newStart - 1 - previousEnd),
  };
}

/** One row per line, as in `diff -u`: removed lines carry the old number, added lines the new one. */
export function unifiedRows(hunks: Hunk[]): (UnifiedRow | HunkHeaderRow)[] {
  const rows: (UnifiedRow | HunkHeaderRow)[] = [];
  let previousEnd = 0;
  for (const h of hunks) {
    rows.push(headerOf(h, previousEnd));
    let o = h.oldStart;
    let n = h.newStart;
    for (const l of h.lines) {
      if (l.startsWith("\\")) continue; // "\ No newline at end of file"
      if (l.startsWith("-")) rows.push({ type: "line", kind: "del", oldNo: o++, newNo: null, text: strip(l) });
      else if (l.startsWith("+")) rows.push({ type: "line", kind: "add", oldNo: null, newNo: n++, text: strip(l) });
      else rows.push({ type: "line", kind: "context", oldNo: o++, newNo: n++, text: strip(l) });
    }
    previousEnd = n - 1;
  }
  return rows;
}

/** Rows for a side-by-side view: each run of removals is paired line by line with the additions that follow it. */
export function splitRows(hunks: Hunk[]): (SplitRow | HunkHeaderRow)[] {
  const rows: (SplitRow | HunkHeaderRow)[] = [];
  let previousEnd = 0;
  for (const h of hunks) {
    rows.push(headerOf(h, previousEnd));
    let o = h.oldStart;
    let n = h.newStart;
    let dels: SplitCell[] = [];
    let adds: SplitCell[] = [];
    const flush = () => {
      for (let i = 0; i < Math.max(dels.length, adds.length); i++) rows.push({ type: "pair", left: dels[i] ?? null, right: adds[i] ?? null });
      dels = [];
      adds = [];
    };
    for (const l of h.lines) {
      if (l.startsWith("\\")) continue;
      if (l.startsWith("-")) {
        if (adds.length) flush();
        dels.push({ no: o++, text: strip(l), kind: "del" });
      } else if (l.startsWith("+")) {
        adds.push({ no: n++, text: strip(l), kind: "add" });
      } else {
        flush();
        rows.push({ type: "pair", left: { no: o++, text: strip(l), kind: "context" }, right: { no: n++, text: strip(l), kind: "context" } });
      }
    }
    flush();
    previousEnd = n - 1;
  }
  return rows;
}

/** The same shape as the server's diffTexts(), computed in the browser (for the spec change behind a stale module). */
export function diffInBrowser(a: string, b: string, labels: { a: string; b: string }, path = "spec.yaml"): TextDiff {
  const patch = structuredPatch(path, path, a, b, labels.a, labels.b, { context: 3 });
  let added = 0;
  let removed = 0;
  for (const h of patch.hunks) for (const l of h.lines) if (l.startsWith("+")) added++;
  else if (l.startsWith("-")) removed++;
  return {
    unified: "",
    hunks: patch.hunks.map((h) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines: h.lines })),
    added,
    removed,
    identical: a === b,
  };
}

"use client";

import { useEffect, useMemo, useRef } from "react";
import { MergeView, unifiedMergeView } from "@codemirror/merge";
import { EditorView } from "@codemirror/view";
import { diffLines } from "diff";
import { specViewerBase } from "@/lib/specs/client/codemirror";

export type DiffMode = "split" | "unified";

interface Side {
  /** short name for labels, e.g. "revision #3" */
  label: string;
  text: string;
}

/** Added/removed line counts, said in words for people who cannot see the colours. */
export function diffStats(a: string, b: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const part of diffLines(a, b)) {
    if (part.added) added += part.count ?? 0;
    else if (part.removed) removed += part.count ?? 0;
  }
  return { added, removed };
}

const diffTheme = EditorView.theme({
  "&.cm-merge-a .cm-changedLine, .cm-deletedChunk": { backgroundColor: "color-mix(in oklch, var(--destructive) 10%, transparent)" },
  "&.cm-merge-b .cm-changedLine, .cm-insertedLine, .cm-inlineChangedLine": {
    backgroundColor: "color-mix(in oklch, var(--success) 12%, transparent)",
  },
  "&.cm-merge-a .cm-changedText, .cm-deletedChunk .cm-deletedText, &.cm-merge-b .cm-deletedText": {
    background: "color-mix(in oklch, var(--destructive) 28%, transparent)",
    borderRadius: "2px",
  },
  "&.cm-merge-b .cm-changedText, .cm-insertedLine .cm-changedText": {
    background: "color-mix(in oklch, var(--success) 30%, transparent)",
    borderRadius: "2px",
  },
  "&.cm-merge-a .cm-changedLineGutter, .cm-deletedLineGutter": { background: "var(--destructive)" },
  "&.cm-merge-b .cm-changedLineGutter, .cm-changedLineGutter": { background: "var(--success)" },
  ".cm-changeGutter": { width: "4px", paddingLeft: "0" },
  ".cm-collapsedLines": {
    color: "var(--muted-foreground) !important",
    background: "var(--muted) !important",
    fontFamily: "inherit",
    fontSize: "12px",
  },
  ".cm-deletedChunk": { paddingLeft: "6px" },
});

/** Two versions of a spec side by side (CodeMirror MergeView) or as one inline diff; read-only. */
export function RevisionDiff({ a, b, mode }: { a: Side; b: Side; mode: DiffMode }) {
  const host = useRef<HTMLDivElement>(null);
  const stats = useMemo(() => diffStats(a.text, b.text), [a.text, b.text]);

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const collapseUnchanged = { margin: 3, minSize: 6 };
    if (mode === "split") {
      const view = new MergeView({
        parent,
        a: { doc: a.text, extensions: [specViewerBase(`Spec YAML, ${a.label} (before)`), diffTheme] },
        b: { doc: b.text, extensions: [specViewerBase(`Spec YAML, ${b.label} (after)`), diffTheme] },
        collapseUnchanged,
        gutter: true,
        highlightChanges: true,
      });
      return () => view.destroy();
    }
    const view = new EditorView({
      parent,
      doc: b.text,
      extensions: [
        specViewerBase(`Spec YAML, changes from ${a.label} to ${b.label}`),
        diffTheme,
        unifiedMergeView({ original: a.text, mergeControls: false, gutter: true, highlightChanges: true, collapseUnchanged, syntaxHighlightDeletions: true }),
      ],
    });
    return () => view.destroy();
  }, [a.text, b.text, a.label, b.label, mode]);

  const identical = stats.added === 0 && stats.removed === 0;
  return (
    <section aria-label={`Differences between ${a.label} and ${b.label}`} className="flex flex-col gap-2">
      <p role="status" aria-live="polite" className="text-sm text-muted-foreground" data-testid="diff-summary">
        {identical ? (
          `${capitalize(a.label)} and ${b.label} have the same text.`
        ) : (
          <>
            From {a.label} to {b.label}:{" "}
            <span className="font-medium text-success">
              {stats.added} {stats.added === 1 ? "line" : "lines"} added
            </span>
            ,{" "}
            <span className="font-medium text-destructive">
              {stats.removed} {stats.removed === 1 ? "line" : "lines"} removed
            </span>
            .
          </>
        )}
      </p>
      <div>
        {mode === "split" ? (
          <div className="grid grid-cols-2 gap-px overflow-hidden rounded-t-lg border border-b-0 bg-border text-xs font-medium" aria-hidden="true">
            <div className="bg-muted px-3 py-1.5 text-destructive">Before: {a.label}</div>
            <div className="bg-muted px-3 py-1.5 text-success">After: {b.label}</div>
          </div>
        ) : null}
        <div
          ref={host}
          data-testid="revision-diff"
          className={
            mode === "split"
              ? "max-h-[70vh] overflow-auto rounded-b-lg border [&_.cm-mergeView]:min-h-24 [&_.cm-mergeViewEditor]:min-w-0"
              : "max-h-[70vh] overflow-auto rounded-lg border [&_.cm-editor]:min-h-24"
          }
        />
      </div>
    </section>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

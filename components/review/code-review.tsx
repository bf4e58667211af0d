"use client";

import { Fragment, memo, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { CircleX, MessageSquarePlus, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { CommentComposer } from "@/components/review/comment-composer";
import { CommentThread, type ThreadContext } from "@/components/review/comment-thread";
import { reviewApi } from "@/lib/review/client/api";
import { cachedHtmlLines, escapeHtml, highlightHtmlLines, TOKEN_COLOURS } from "@/lib/review/client/highlight";
import { plural } from "@/lib/review/client/format";
import { afterNextPaint } from "@/lib/review/client/schedule";
import { threadsByLine, type Thread } from "@/lib/review/client/threads";
import type { CommentView, Finding, MemberView, ModuleFile } from "@/lib/review/client/types";
import { cn } from "@/lib/utils/cn";

export interface CodeReviewProps {
  module: ModuleFile;
  comments: CommentView[];
  /** the file's lines already highlighted as HTML (by the server, with the page); else they are highlighted here */
  html?: string[] | null;
  me: string;
  canComment: boolean;
  members: MemberView[];
  onChanged: (announce: string) => void;
  /** line to scroll to and mark (from ?line=), comment to scroll to (from ?comment=) */
  focusLine?: number | null;
  focusComment?: string | null;
}

/** The file's lines: a final newline ends the last line rather than starting an empty one (as the server counts). */
export function splitLines(content: string): string[] {
  return content.replace(/\n$/, "").split("\n");
}

type Severity = "error" | "warning" | null;

// lucide's message-square-plus, as a mask for the line buttons' icon (drawn in the theme's primary colour).
const LINE_PLUS_MASK = `url("data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#000" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M22 17a2 2 0 0 1-2 2H6.828a2 2 0 0 0-1.414.586l-2.202 2.202A.71.71 0 0 1 2 21.286V5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2z"/><path d="M12 8v6"/><path d="M9 11h6"/></svg>',
)}")`;

// Lines are rendered only near the viewport (content-visibility): a long file costs style and layout for what is
// on screen, not for every line, while all of it stays in the page (find, links, screen readers). Not the threads:
// their mention lists reach out of them, and containment would clip them.
const ROW = "group grid grid-cols-[var(--gutter)_1.25rem_minmax(0,1fr)] items-start [contain-intrinsic-size:auto_1.25rem] [content-visibility:auto]";
// The "comment here" icon is the button's ::before, masked from one SVG set on the code view: an icon element on
// every line was most of the view's elements, to draw and to hydrate.
const LINE_BUTTON = cn(
  "relative h-5 cursor-pointer pr-3 text-right text-muted-foreground/80 tabular-nums select-none",
  "outline-hidden hover:text-primary focus-visible:bg-primary/15 focus-visible:text-primary focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
  "before:pointer-events-none before:absolute before:top-0.5 before:left-1.5 before:size-4 before:bg-primary before:opacity-0 before:content-['']",
  "before:[mask:var(--line-plus)_center/contain_no-repeat] group-hover:before:opacity-100 group-focus-within:before:opacity-100",
);

/** One line: number (a button when the viewer may comment), finding mark, code. Only the lines whose props change re-render. */
const CodeLine = memo(function CodeLine({ n, html, worst, marked, label, tabbable }: { n: number; html: string; worst: Severity; marked: boolean; label: string | null; tabbable: boolean }) {
  return (
    <div data-line-row={n} className={cn(ROW, worst === "error" && "bg-destructive/8", worst === "warning" && "bg-warning/8", marked && "bg-primary/10")}>
      {label !== null ? (
        <button type="button" data-line-button={n} tabIndex={tabbable ? 0 : -1} aria-label={label} className={LINE_BUTTON}>
          {n}
        </button>
      ) : (
        <span className="h-5 pr-3 text-right text-muted-foreground/80 tabular-nums select-none" aria-hidden="true">
          {n}
        </span>
      )}
      <span className="flex h-5 items-center justify-center" aria-hidden={worst ? undefined : true}>
        {worst === "error" ? (
          <CircleX className="size-3.5 text-destructive" aria-label={`Error on line ${n}`} role="img" />
        ) : worst === "warning" ? (
          <TriangleAlert className="size-3.5 text-warning" aria-label={`Warning on line ${n}`} role="img" />
        ) : null}
      </span>
      {/* The line as HTML: escaped text, or the highlighter's spans around escaped text (lib/review/client/highlight.ts). */}
      <code className="block min-h-5 pr-4 pl-2 break-words whitespace-pre-wrap" dangerouslySetInnerHTML={{ __html: html || "\u200b" }} />
    </div>
  );
});

const FindingNote = memo(function FindingNote({ finding: f, line }: { finding: Finding; line: number }) {
  return (
    <p
      role="note"
      aria-label={`${f.severity === "error" ? "Error" : "Warning"} on line ${line}`}
      data-testid="finding"
      className={cn("my-1 flex items-start gap-2 rounded-md border px-3 py-1.5 text-sm", f.severity === "error" ? "border-destructive/30 bg-destructive/5" : "border-warning/40 bg-warning/5")}
    >
      {f.severity === "error" ? <CircleX className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden="true" /> : <TriangleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />}
      <span className="shrink-0 rounded bg-muted px-1.5 font-mono text-xs leading-5">{f.rule}</span>
      <span className="min-w-0">
        {f.message}
        {f.column ? <span className="text-muted-foreground"> (column {f.column})</span> : null}
      </span>
    </p>
  );
});

/**
 * A module's code, read-only, with line numbers, syntax colours, the output checks' findings on their lines and
 * the review threads under the lines they are about. Line numbers are buttons (one Tab stop; arrow keys, Page
 * Up/Down, Home and End move between them): Enter or a click starts a thread on that line.
 */
export function CodeReview({ module, comments, html, me, canComment, members, onChanged, focusLine, focusComment }: CodeReviewProps) {
  const lines = useMemo(() => splitLines(module.content), [module.content]);
  const plain = useMemo(() => lines.map(escapeHtml), [lines]);
  // Highlighted lines: handed over, or highlighted here after the plain text is drawn (a file opened by a click
  // answers at once, in colour a frame later unless it was highlighted ahead, see review-view.tsx). The cache is
  // only ever filled in the browser, so the server's render and hydration agree.
  const [computed, setComputed] = useState<{ content: string; html: string[] | null } | null>(null);
  const highlighted = html !== undefined ? html : computed?.content === module.content ? computed.html : cachedHtmlLines(module.content, module.language);
  const [activeLine, setActiveLine] = useState(focusLine && focusLine <= lines.length ? focusLine : 1);
  const [composing, setComposing] = useState<number | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const threads = useMemo(() => threadsByLine(comments), [comments]);
  const findings = useMemo(() => {
    const m = new Map<number, Finding[]>();
    for (const f of module.findings ?? []) m.set(f.line, [...(m.get(f.line) ?? []), f]);
    return m;
  }, [module.findings]);
  const allFindings = module.findings ?? [];
  const errors = allFindings.filter((f) => f.severity === "error").length;
  const threadList = [...threads.values()].flat();
  const open = threadList.filter((t) => !t.resolved).length;
  const orphanLines = [...threads.keys()].filter((l) => l > lines.length).sort((a, b) => a - b);

  const needsHighlight = highlighted === undefined;
  useEffect(() => {
    if (!needsHighlight) return;
    let cancelled = false;
    const { content, language } = module;
    const cancel = afterNextPaint(() => {
      highlightHtmlLines(content, language)
        .then((h) => {
          if (!cancelled) setComputed({ content, html: h });
        })
        .catch(() => undefined);
    });
    return () => {
      cancelled = true;
      cancel();
    };
    // module.content and module.language are what is highlighted
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [module.content, module.language, needsHighlight]);

  // Deep links from the inbox: ?line= marks and scrolls to a line, ?comment= to a comment.
  useEffect(() => {
    const target = focusComment ? document.getElementById(`comment-${focusComment}`) : focusLine ? container.current?.querySelector<HTMLElement>(`[data-line-row="${focusLine}"]`) : null;
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    if (focusComment) target.focus({ preventScroll: true });
    // Only when the module (or the link) changes, not on every refetch.
  }, [module.id, focusLine, focusComment]);

  // After posting, focus moves to the new comment once the refetched list shows it (the composer is gone).
  const focusNew = useRef<string | null>(null);
  const add = useMutation({
    mutationFn: (input: { line: number; body: string }) => reviewApi.addComment(module.id, input),
    onSuccess: ({ comment }, input) => {
      setComposing(null);
      focusNew.current = comment.id;
      onChanged(`Comment added on line ${input.line}.`);
    },
  });
  useEffect(() => {
    const el = focusNew.current ? document.getElementById(`comment-${focusNew.current}`) : null;
    if (el) {
      el.focus();
      focusNew.current = null;
    }
  }, [comments]);

  const ctx: ThreadContext = useMemo(() => ({ moduleId: module.id, me, canComment, members, onChanged }), [module.id, me, canComment, members, onChanged]);

  function focusLineButton(n: number) {
    const clamped = Math.max(1, Math.min(lines.length, n));
    setActiveLine(clamped);
    container.current?.querySelector<HTMLElement>(`[data-line-button="${clamped}"]`)?.focus();
  }

  // One set of handlers for every line number (delegated from the code view) rather than three per line.
  const lineOf = (e: { target: EventTarget }) => {
    const n = Number((e.target as HTMLElement).closest<HTMLElement>("[data-line-button]")?.dataset.lineButton);
    return Number.isInteger(n) && n > 0 ? n : null;
  };

  function onLineClick(e: MouseEvent<HTMLDivElement>) {
    const n = lineOf(e);
    if (n === null) return;
    setActiveLine(n);
    add.reset();
    setComposing(n);
  }

  function onLineFocus(e: FocusEvent<HTMLDivElement>) {
    const n = lineOf(e);
    if (n !== null) setActiveLine(n);
  }

  function onLineKey(e: KeyboardEvent<HTMLDivElement>) {
    const n = lineOf(e);
    if (n === null) return;
    const to =
      e.key === "ArrowDown" ? n + 1
      : e.key === "ArrowUp" ? n - 1
      : e.key === "PageDown" ? n + 20
      : e.key === "PageUp" ? n - 20
      : e.key === "Home" ? 1
      : e.key === "End" ? lines.length
      : null;
    if (to === null) return;
    e.preventDefault();
    focusLineButton(to);
  }

  function cancelThread() {
    const n = composing;
    setComposing(null);
    if (n) requestAnimationFrame(() => focusLineButton(n));
  }

  const gutterWidth = `${String(lines.length).length + 1}ch`;

  function annotations(n: number, fs: Finding[], ts: Thread[]) {
    return (
      <div className="border-y bg-background/60 py-1 pr-3 font-sans" style={{ paddingLeft: "calc(var(--gutter) + 1.25rem)" }} data-line-annotations={n}>
        {fs.map((f, j) => (
          <FindingNote key={`f${j}`} finding={f} line={n} />
        ))}
        {ts.map((t) => (
          <CommentThread key={t.root.id} thread={t} ctx={ctx} />
        ))}
        {composing === n ? (
          <div className="my-2 rounded-lg border bg-card p-3 shadow-xs" data-testid="new-thread">
            <p className="mb-2 text-xs font-medium text-muted-foreground">New thread on line {n}</p>
            <CommentComposer
              label={`Comment on line ${n}`}
              submitLabel="Comment"
              members={members}
              pending={add.isPending}
              error={add.error?.message ?? null}
              onSubmit={(body) => add.mutate({ line: n, body })}
              onCancel={cancelThread}
            />
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <div className="flex min-w-0 flex-col overflow-hidden rounded-lg border" data-testid="code-review" data-path={module.path}>
      <div className="flex flex-wrap items-center gap-2 border-b bg-muted/40 px-3 py-2 text-xs">
        <span className="font-mono font-medium">{module.path}</span>
        <span className="text-muted-foreground">{plural(lines.length, "line")}</span>
        {allFindings.length ? (
          <Badge variant={errors ? "destructive" : "warning"}>
            {errors ? <CircleX aria-hidden="true" /> : <TriangleAlert aria-hidden="true" />}
            {plural(allFindings.length, "finding")}
          </Badge>
        ) : (
          <span className="text-muted-foreground">no findings</span>
        )}
        {threadList.length ? (
          <span className="text-muted-foreground">
            {plural(threadList.length, "thread")}, {open} open
          </span>
        ) : null}
        {canComment ? (
          <span className="ml-auto text-muted-foreground">
            <MessageSquarePlus className="mr-1 inline size-3.5 align-[-2px]" aria-hidden="true" />
            Click a line number (or press Enter on it) to comment
          </span>
        ) : null}
      </div>

      <div
        ref={container}
        role="region"
        aria-label={`Code of ${module.path}, ${lines.length} lines`}
        className={cn("relative bg-code py-2 font-mono text-[13px] leading-5 text-code-foreground [font-variant-ligatures:none]", TOKEN_COLOURS)}
        style={{ ["--gutter" as string]: `calc(${gutterWidth} + 2rem)`, ["--line-plus" as string]: LINE_PLUS_MASK }}
        onClick={canComment ? onLineClick : undefined}
        onFocus={canComment ? onLineFocus : undefined}
        onKeyDown={canComment ? onLineKey : undefined}
      >
        {lines.map((text, i) => {
          const n = i + 1;
          const fs = findings.get(n);
          const ts = threads.get(n);
          const worst: Severity = fs?.some((f) => f.severity === "error") ? "error" : fs?.length ? "warning" : null;
          const label = canComment
            ? `Line ${n}${ts?.length ? `, ${plural(ts.length, "thread")}` : ""}${fs?.length ? `, ${plural(fs.length, "finding")}` : ""}: start a comment thread`
            : null;
          return (
            <Fragment key={n}>
              <CodeLine n={n} html={highlighted?.[i] ?? plain[i]} worst={worst} marked={n === focusLine || n === composing} label={label} tabbable={n === activeLine} />
              {fs || ts || composing === n ? annotations(n, fs ?? [], ts ?? []) : null}
            </Fragment>
          );
        })}
        {orphanLines.length ? (
          <div className="mx-3 mt-3 border-t pt-2 font-sans">
            <p className="text-sm text-muted-foreground">Threads on lines this file no longer has:</p>
            {orphanLines.flatMap((l) => threads.get(l)!).map((t) => (
              <CommentThread key={t.root.id} thread={t} ctx={ctx} />
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}

"use client";

import { Fragment, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { CircleX, MessageSquarePlus, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { CommentComposer } from "@/components/review/comment-composer";
import { CommentThread, type ThreadContext } from "@/components/review/comment-thread";
import { reviewApi } from "@/lib/review/client/api";
import { highlightLines, TOKEN_COLOURS, type Token } from "@/lib/review/client/highlight";
import { plural } from "@/lib/review/client/format";
import { threadsByLine } from "@/lib/review/client/threads";
import type { CommentView, Finding, MemberView, ModuleFile } from "@/lib/review/client/types";
import { cn } from "@/lib/utils/cn";

export interface CodeReviewProps {
  module: ModuleFile;
  comments: CommentView[];
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

/**
 * A module's code, read-only, with line numbers, syntax colours, the output checks' findings on their lines and
 * the review threads under the lines they are about. Line numbers are buttons (one Tab stop; arrow keys, Page
 * Up/Down, Home and End move between them): Enter or a click starts a thread on that line.
 */
export function CodeReview({ module, comments, me, canComment, members, onChanged, focusLine, focusComment }: CodeReviewProps) {
  const lines = useMemo(() => splitLines(module.content), [module.content]);
  const [tokens, setTokens] = useState<{ content: string; lines: Token[][] } | null>(null);
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

  useEffect(() => {
    let cancelled = false;
    highlightLines(module.content, module.language)
      .then((ls) => {
        if (!cancelled && ls) setTokens({ content: module.content, lines: ls });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [module.content, module.language]);

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

  const ctx: ThreadContext = { moduleId: module.id, me, canComment, members, onChanged };

  function focusLineButton(n: number) {
    const clamped = Math.max(1, Math.min(lines.length, n));
    setActiveLine(clamped);
    container.current?.querySelector<HTMLElement>(`[data-line-button="${clamped}"]`)?.focus();
  }

  function onGutterKey(e: KeyboardEvent<HTMLButtonElement>, n: number) {
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

  function startThread(n: number) {
    setActiveLine(n);
    add.reset();
    setComposing(n);
  }

  function cancelThread() {
    const n = composing;
    setComposing(null);
    if (n) requestAnimationFrame(() => focusLineButton(n));
  }

  const highlighted = tokens?.content === module.content ? tokens.lines : null;
  const gutterWidth = `${String(lines.length).length + 1}ch`;

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
      >
        {lines.map((text, i) => {
          const n = i + 1;
          const fs = findings.get(n) ?? [];
          const ts = threads.get(n) ?? [];
          const worst = fs.some((f) => f.severity === "error") ? "error" : fs.length ? "warning" : null;
          const marked = n === focusLine || n === composing;
          const lineTokens = highlighted?.[i];
          return (
            <Fragment key={n}>
              <div
                data-line-row={n}
                className={cn(
                  "group grid grid-cols-[var(--gutter)_1.25rem_minmax(0,1fr)] items-start",
                  worst === "error" && "bg-destructive/8",
                  worst === "warning" && "bg-warning/8",
                  marked && "bg-primary/10",
                )}
                style={{ ["--gutter" as string]: `calc(${gutterWidth} + 2rem)` }}
              >
                {canComment ? (
                  <button
                    type="button"
                    data-line-button={n}
                    tabIndex={n === activeLine ? 0 : -1}
                    onFocus={() => setActiveLine(n)}
                    onClick={() => startThread(n)}
                    onKeyDown={(e) => onGutterKey(e, n)}
                    aria-label={`Line ${n}${ts.length ? `, ${plural(ts.length, "thread")}` : ""}${fs.length ? `, ${plural(fs.length, "finding")}` : ""}: start a comment thread`}
                    className={cn(
                      "relative h-5 cursor-pointer pr-3 text-right text-muted-foreground/80 tabular-nums select-none",
                      "outline-hidden hover:text-primary focus-visible:bg-primary/15 focus-visible:text-primary focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
                    )}
                  >
                    <MessageSquarePlus className="absolute top-0.5 left-1.5 size-4 text-primary opacity-0 group-hover:opacity-100 group-focus-within:opacity-100" aria-hidden="true" />
                    {n}
                  </button>
                ) : (
                  <span className="h-5 pr-3 text-right text-muted-foreground/80 tabular-nums select-none" aria-hidden="true">
                    {n}
                  </span>
                )}
                <span className="flex h-5 items-center justify-center" aria-hidden={fs.length ? undefined : true}>
                  {worst ? (
                    worst === "error" ? (
                      <CircleX className="size-3.5 text-destructive" aria-label={`Error on line ${n}`} role="img" />
                    ) : (
                      <TriangleAlert className="size-3.5 text-warning" aria-label={`Warning on line ${n}`} role="img" />
                    )
                  ) : null}
                </span>
                <code className="block min-h-5 pr-4 pl-2 break-words whitespace-pre-wrap">
                  {lineTokens ? lineTokens.map((t, j) => (t.cls ? <span key={j} className={t.cls}>{t.text}</span> : t.text)) : text}
                  {text === "" ? "\u200b" : null}
                </code>
              </div>
              {fs.length || ts.length || composing === n ? (
                <div className="border-y bg-background/60 py-1 pr-3 font-sans" style={{ paddingLeft: `calc(${gutterWidth} + 3.25rem)` }} data-line-annotations={n}>
                  {fs.map((f, j) => (
                    <p
                      key={`f${j}`}
                      role="note"
                      aria-label={`${f.severity === "error" ? "Error" : "Warning"} on line ${n}`}
                      data-testid="finding"
                      className={cn(
                        "my-1 flex items-start gap-2 rounded-md border px-3 py-1.5 text-sm",
                        f.severity === "error" ? "border-destructive/30 bg-destructive/5" : "border-warning/40 bg-warning/5",
                      )}
                    >
                      {f.severity === "error" ? <CircleX className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden="true" /> : <TriangleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />}
                      <span className="shrink-0 rounded bg-muted px-1.5 font-mono text-xs leading-5">{f.rule}</span>
                      <span className="min-w-0">
                        {f.message}
                        {f.column ? <span className="text-muted-foreground"> (column {f.column})</span> : null}
                      </span>
                    </p>
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
              ) : null}
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

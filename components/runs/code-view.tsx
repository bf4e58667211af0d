"use client";

import { memo, useEffect, useMemo, useRef, useState } from "react";
import { Check, Copy, TriangleAlert, CircleX } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { highlightCode, type HighlightToken } from "@/lib/runs/client/highlight";
import { TOKEN_COLOURS } from "@/lib/review/client/highlight";
import type { Finding } from "@/lib/runs/client/types";
import { cn } from "@/lib/utils/cn";

/** Line height of the code, in px (leading-5): findings are marked and scrolled to by line. */
const LINE_PX = 20;
const PAD_PX = 12;

export interface CodeViewProps {
  /** the file's path, shown and used to name the region */
  path: string;
  code: string;
  language: string;
  findings?: Finding[];
  /** still streaming: no highlighting, follow the end */
  live?: boolean;
  className?: string;
}

const NO_FINDINGS: Finding[] = [];

/** Generated code with line numbers, syntax colours once final, and its findings marked and listed. */
export const CodeView = memo(function CodeView({ path, code, language, findings = NO_FINDINGS, live = false, className }: CodeViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [highlighted, setHighlighted] = useState<{ code: string; tokens: HighlightToken[] } | null>(null);
  const [copied, setCopied] = useState(false);
  const lines = useMemo(() => {
    const body = code.replace(/\n$/, "");
    return body === "" ? 0 : body.split("\n").length;
  }, [code]);
  const gutter = useMemo(() => Array.from({ length: Math.max(lines, 1) }, (_, i) => i + 1).join("\n"), [lines]);
  const byLine = useMemo(() => {
    const m = new Map<number, Finding[]>();
    for (const f of findings) m.set(f.line, [...(m.get(f.line) ?? []), f]);
    return m;
  }, [findings]);

  useEffect(() => {
    if (live || !code) return;
    let cancelled = false;
    highlightCode(code, language)
      .then((tokens) => {
        if (!cancelled && tokens) setHighlighted({ code, tokens });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [code, language, live]);

  useEffect(() => {
    if (live && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [live, code]);

  const tokens = !live && highlighted?.code === code ? highlighted.tokens : null;

  function goToLine(line: number) {
    const el = scroller.current;
    if (!el) return;
    el.scrollTo({ top: Math.max(0, (line - 1) * LINE_PX - 3 * LINE_PX), behavior: "smooth" });
    el.focus({ preventScroll: true });
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // clipboard refused (insecure origin): nothing to do
    }
  }

  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;

  return (
    <div className={cn("flex min-w-0 flex-col overflow-hidden rounded-lg border bg-code text-code-foreground", className)} data-testid="code-view" data-path={path}>
      <div className="flex items-center gap-2 border-b bg-muted/40 px-3 py-1.5">
        <span className="truncate font-mono text-xs font-medium" title={path}>{path}</span>
        <span className="text-xs text-muted-foreground">{lines} {lines === 1 ? "line" : "lines"}</span>
        {live ? (
          <Badge variant="info" className="ml-1">
            <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden="true" />
            streaming
          </Badge>
        ) : null}
        {!live && findings.length > 0 ? (
          <Badge variant={errors ? "destructive" : "warning"}>
            {errors ? `${errors} ${errors === 1 ? "error" : "errors"}` : null}
            {errors && warnings ? ", " : null}
            {warnings ? `${warnings} ${warnings === 1 ? "warning" : "warnings"}` : null}
          </Badge>
        ) : null}
        <Button variant="ghost" size="icon-sm" className="ml-auto" onClick={() => void copy()} aria-label={copied ? `Copied ${path}` : `Copy ${path}`} disabled={!code}>
          {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
        </Button>
      </div>
      <div
        ref={scroller}
        role="region"
        aria-label={`Code of ${path}`}
        tabIndex={0}
        className="relative max-h-[32rem] overflow-auto outline-hidden focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
      >
        {code ? (
          <div className="relative flex min-w-fit font-mono text-[13px] leading-5">
            {[...byLine.entries()].map(([line, fs]) => (
              <div
                key={line}
                aria-hidden="true"
                className={cn("pointer-events-none absolute inset-x-0", fs.some((f) => f.severity === "error") ? "bg-destructive/10" : "bg-warning/10")}
                style={{ top: PAD_PX + (line - 1) * LINE_PX, height: LINE_PX }}
              />
            ))}
            <pre aria-hidden="true" className="sticky left-0 z-10 shrink-0 border-r bg-code px-3 text-right text-muted-foreground/80 select-none" style={{ paddingTop: PAD_PX, paddingBottom: PAD_PX }}>
              {gutter}
            </pre>
            <pre className={cn("relative flex-1 px-4", TOKEN_COLOURS)} style={{ paddingTop: PAD_PX, paddingBottom: PAD_PX }}>
              <code>
                {tokens
                  ? tokens.map((t, i) => (t.cls ? <span key={i} className={t.cls}>{t.text}</span> : t.text))
                  : code}
              </code>
            </pre>
          </div>
        ) : (
          <p className="px-4 py-6 text-sm text-muted-foreground">{live ? "Waiting for the first lines…" : "This file is empty."}</p>
        )}
      </div>
      {!live && findings.length > 0 ? (
        <ul className="flex flex-col divide-y border-t text-sm" aria-label={`Findings in ${path}`}>
          {findings.map((f, i) => (
            <li key={i} className="flex items-start gap-2 px-3 py-2" data-testid="finding">
              {f.severity === "error" ? (
                <CircleX className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden="true" />
              ) : (
                <TriangleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />
              )}
              <button
                type="button"
                onClick={() => goToLine(f.line)}
                className="shrink-0 rounded font-mono text-xs text-primary underline-offset-2 outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring"
              >
                Line {f.line}
                {f.column ? `:${f.column}` : ""}
              </button>
              <span className="shrink-0 rounded bg-muted px-1.5 font-mono text-xs">{f.rule}</span>
              <span className="min-w-0 text-foreground">
                <span className="sr-only">{f.severity}: </span>
                {f.message}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});

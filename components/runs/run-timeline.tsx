"use client";

import { memo, useRef, type KeyboardEvent } from "react";
import { RefreshCw } from "lucide-react";
import { axisTicks, type Timeline, type TimelineSegment, type TimelineStep } from "@/lib/runs/timeline";
import { formatDuration, stepLabel } from "@/lib/runs/client/format";
import { cn } from "@/lib/utils/cn";

const FINAL_COLOUR: Record<string, string> = {
  succeeded: "bg-success",
  failed: "bg-destructive",
  cancelled: "bg-muted-foreground/70",
  running: "bg-primary",
  retrying: "bg-warning",
  queued: "bg-muted-foreground/30",
};

function segmentClass(seg: TimelineSegment, step: TimelineStep, isLast: boolean, live: boolean): string {
  if (seg.kind === "queued") return "bg-muted-foreground/20";
  if (seg.kind === "retrying") return "bg-warning/25 bg-[repeating-linear-gradient(135deg,transparent_0_4px,color-mix(in_oklch,var(--warning)_35%,transparent)_4px_8px)]";
  // A running phase: the attempt that ended in a retry is amber, the last one takes the step's outcome.
  if (!isLast) return "bg-warning";
  const colour = FINAL_COLOUR[step.status] ?? "bg-primary";
  return cn(colour, step.status === "running" && live && "animate-pulse motion-reduce:animate-none");
}

function segmentTitle(seg: TimelineSegment, endMs: number): string {
  const d = formatDuration((seg.end ?? endMs) - seg.start);
  if (seg.kind === "queued") return `waiting: ${d}`;
  if (seg.kind === "retrying") return `waiting to retry: ${d}`;
  return `attempt ${seg.attempt ?? 1}: ${d}${seg.end === null ? " so far" : ""}`;
}

const pct = (v: number) => `${Math.min(100, Math.max(0, v * 100))}%`;

export interface RunTimelineProps {
  timeline: Timeline;
  selected: string | null;
  onSelect: (key: string) => void;
}

/**
 * Every step as a bar on one time axis: waiting (grey), running (blue while it runs, then green, red or grey by
 * outcome), an attempt that ended in a retry (amber) and the wait before the next one (hatched amber), with ↻ at
 * each retry. Each row is a button naming the step, its outcome, duration and attempts; arrow keys move between
 * them.
 */
export const RunTimeline = memo(function RunTimeline({ timeline, selected, onSelect }: RunTimelineProps) {
  const list = useRef<HTMLOListElement>(null);
  const span = Math.max(1, timeline.endMs - timeline.startMs);
  const ticks = axisTicks(span);
  const at = (t: number) => (t - timeline.startMs) / span;

  const counts = new Map<string, number>();
  for (const s of timeline.steps) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const summary = ["running", "retrying", "queued", "succeeded", "failed", "cancelled"]
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(" · ");

  function onKeyDown(e: KeyboardEvent<HTMLOListElement>) {
    const keys = ["ArrowDown", "ArrowUp", "Home", "End"];
    if (!keys.includes(e.key)) return;
    const buttons = Array.from(list.current?.querySelectorAll<HTMLButtonElement>("button[data-step]") ?? []);
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === "Home" ? 0 : e.key === "End" ? buttons.length - 1 : e.key === "ArrowDown" ? Math.min(buttons.length - 1, i + 1) : Math.max(0, i - 1);
    const target = buttons[next];
    if (!target) return;
    e.preventDefault();
    target.focus();
    onSelect(target.dataset.step!);
  }

  return (
    <section aria-labelledby="timeline-heading" className="flex flex-col gap-3" data-testid="run-timeline" data-last-seq={timeline.lastSeq}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="timeline-heading" className="text-base font-semibold">
          Timeline
        </h2>
        <p className="text-xs text-muted-foreground" aria-live="off">
          {timeline.steps.length} {timeline.steps.length === 1 ? "step" : "steps"}
          {summary ? ` · ${summary}` : ""} · {formatDuration(span)} shown
        </p>
      </div>

      <div className="rounded-lg border">
        {/* Time axis */}
        <div className="grid grid-cols-[minmax(9rem,15rem)_1fr_6.5rem] gap-3 border-b bg-muted/40 px-3 py-1.5 text-[11px] text-muted-foreground" aria-hidden="true">
          <span>Step</span>
          <div className="relative h-4">
            {ticks.map((t) => (
              <span
                key={t}
                className={cn("absolute top-0 whitespace-nowrap tabular-nums", t === 0 ? "" : t / span > 0.94 ? "-translate-x-full" : "-translate-x-1/2")}
                style={{ left: pct(t / span) }}
              >
                {t === 0 ? "0" : formatDuration(t)}
              </span>
            ))}
          </div>
          <span className="text-right">Duration</span>
        </div>

        <ol ref={list} aria-label="Steps of the run on a shared time axis. Use the arrow keys to move between steps." className="flex flex-col py-1" onKeyDown={onKeyDown}>
          {timeline.steps.map((step) => {
            const isSelected = step.key === selected;
            const runningSegments = step.segments.filter((s) => s.kind === "running");
            const lastRunning = runningSegments[runningSegments.length - 1];
            return (
              <li key={step.key}>
                <button
                  type="button"
                  data-step={step.key}
                  data-status={step.status}
                  aria-label={step.ariaLabel}
                  aria-pressed={isSelected}
                  tabIndex={isSelected || (selected === null && step === timeline.steps[0]) ? 0 : -1}
                  onClick={() => onSelect(step.key)}
                  className={cn(
                    "grid w-full grid-cols-[minmax(9rem,15rem)_1fr_6.5rem] items-center gap-3 px-3 py-1 text-left text-sm",
                    "outline-hidden transition-colors hover:bg-muted/60 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
                    isSelected && "bg-accent text-accent-foreground hover:bg-accent",
                  )}
                >
                  <span className="flex min-w-0 items-center gap-2">
                    <span className={cn("size-2 shrink-0 rounded-full", FINAL_COLOUR[step.status])} aria-hidden="true" />
                    <span className={cn("truncate font-mono text-xs", step.isFlow && "italic")} title={stepLabel(step.key)}>
                      {stepLabel(step.key)}
                    </span>
                  </span>
                  <span className="relative h-5 rounded-sm bg-muted/40" aria-hidden="true">
                    {ticks.slice(1).map((t) => (
                      <span key={t} className="absolute inset-y-0 w-px bg-border" style={{ left: pct(t / span) }} />
                    ))}
                    {step.segments.map((seg, i) => {
                      const end = seg.end ?? timeline.endMs;
                      return (
                        <span
                          key={i}
                          title={segmentTitle(seg, timeline.endMs)}
                          className={cn("absolute inset-y-0.5 min-w-[3px] rounded-[3px]", segmentClass(seg, step, seg === lastRunning, timeline.live))}
                          style={{ left: pct(at(seg.start)), width: pct((end - seg.start) / span) }}
                        />
                      );
                    })}
                    {step.retries.map((r, i) => (
                      <span
                        key={`r${i}`}
                        title={`retry after attempt ${r.attempt}: ${r.reason}`}
                        className="absolute -top-1 z-10 flex size-3.5 -translate-x-1/2 items-center justify-center rounded-full border border-warning bg-background text-warning"
                        style={{ left: pct(at(r.at)) }}
                      >
                        <RefreshCw className="size-2.5" />
                      </span>
                    ))}
                    {step.finishedAt !== null ? (
                      <span
                        className={cn("absolute top-1/2 z-10 size-2.5 -translate-x-1/2 -translate-y-1/2 rounded-full ring-2 ring-background", FINAL_COLOUR[step.status])}
                        style={{ left: pct(at(step.finishedAt)) }}
                      />
                    ) : null}
                  </span>
                  <span className="flex items-center justify-end gap-1.5 text-xs tabular-nums text-muted-foreground">
                    {step.retries.length > 0 ? (
                      <span className="flex items-center gap-0.5 text-warning" title={`${step.attempts} attempts`}>
                        <RefreshCw className="size-3" aria-hidden="true" />×{step.attempts}
                      </span>
                    ) : null}
                    <span>
                      {step.isFlow
                        ? step.status === "succeeded"
                          ? "written"
                          : "—"
                        : step.durationMs !== null
                          ? formatDuration(step.durationMs)
                        : step.status === "running" || step.status === "retrying"
                          ? `${formatDuration(step.elapsedMs)}…`
                          : "—"}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>

      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-label="Legend">
        <Legend className="bg-muted-foreground/20">waiting</Legend>
        <Legend className="bg-primary">running</Legend>
        <Legend className="bg-warning">attempt that failed</Legend>
        <Legend className="bg-warning/25 bg-[repeating-linear-gradient(135deg,transparent_0_3px,color-mix(in_oklch,var(--warning)_35%,transparent)_3px_6px)]">waiting to retry</Legend>
        <Legend className="bg-success">succeeded</Legend>
        <Legend className="bg-destructive">failed</Legend>
        <Legend className="bg-muted-foreground/70">cancelled</Legend>
        <li className="flex items-center gap-1.5">
          <RefreshCw className="size-3 text-warning" aria-hidden="true" /> retry
        </li>
      </ul>
    </section>
  );
});

function Legend({ className, children }: { className: string; children: string }) {
  return (
    <li className="flex items-center gap-1.5">
      <span className={cn("h-2.5 w-5 rounded-sm", className)} aria-hidden="true" />
      {children}
    </li>
  );
}

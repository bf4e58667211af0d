"use client";

import { useMemo, type KeyboardEvent } from "react";
import { FileCode2, FlaskConical, Workflow } from "lucide-react";
import { CarriedOverBadge, FindingsBadge, ReviewStateIcon, StaleBadge, ThreadsBadge } from "@/components/review/review-badges";
import { isFlowStep, stepLabel } from "@/lib/review/client/format";
import type { StepGroup } from "@/lib/review/client/tree";
import type { ReviewModuleItem } from "@/lib/review/client/types";
import { cn } from "@/lib/utils/cn";

const ROLE_ICON = { module: FileCode2, test: FlaskConical, flow: Workflow } as const;
const ROLE_WORD: Record<string, string> = { module: "module", test: "test", flow: "flow" };
const STATE_WORD = { approved: "approved", changes_requested: "changes requested", pending: "pending review" } as const;

/** The accessible name of a module in the tree: path, role and everything its badges say. */
export function moduleLabel(m: ReviewModuleItem): string {
  const parts = [m.path, ROLE_WORD[m.role] ?? m.role, STATE_WORD[m.review.state]];
  if (m.findings) parts.push(`${m.findings} ${m.findings === 1 ? "finding" : "findings"}`);
  if (m.openThreads) parts.push(`${m.openThreads} open ${m.openThreads === 1 ? "thread" : "threads"}`);
  if (m.staleness.stale) parts.push(`stale: ${m.staleness.reason}`);
  if (m.carriedOver) parts.push("carried over");
  return parts.join(", ");
}

/**
 * The run's files by step. A list of buttons (Tab reaches the selected one; arrow keys, Home and End move
 * between files), each saying its review state, findings, open threads, staleness and whether it was carried over.
 */
export function ModuleTree({
  groups,
  selectedId,
  onSelect,
  label,
}: {
  groups: StepGroup[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  label: string;
}) {
  const order = useMemo(() => groups.flatMap((g) => g.modules.map((m) => m.id)), [groups]);

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    const current = (e.target as HTMLElement).closest<HTMLElement>("[data-module-id]")?.dataset.moduleId;
    if (!current) return;
    const i = order.indexOf(current);
    const to = e.key === "ArrowDown" ? i + 1 : e.key === "ArrowUp" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? order.length - 1 : null;
    if (to === null || to < 0 || to >= order.length) return;
    e.preventDefault();
    const id = order[to];
    onSelect(id);
    e.currentTarget.querySelector<HTMLElement>(`[data-module-id="${CSS.escape(id)}"]`)?.focus();
  }

  return (
    <nav aria-label={label} onKeyDown={onKeyDown} data-testid="module-tree">
      <ul className="flex flex-col gap-3">
        {groups.map((g) => (
          <li key={g.step}>
            <h3 className="mb-1 truncate px-2 font-mono text-xs font-medium text-muted-foreground" title={stepLabel(g.step)} id={`step-${g.step}`}>
              {isFlowStep(g.step) ? "flow" : g.step}
            </h3>
            <ul aria-labelledby={`step-${g.step}`} className="flex flex-col gap-0.5">
              {g.modules.map((m) => {
                const Icon = ROLE_ICON[m.role as keyof typeof ROLE_ICON] ?? FileCode2;
                const selected = m.id === selectedId;
                const file = m.path.split("/").pop() ?? m.path;
                return (
                  <li key={m.id}>
                    <button
                      type="button"
                      data-module-id={m.id}
                      data-path={m.path}
                      aria-current={selected ? "true" : undefined}
                      aria-label={moduleLabel(m)}
                      tabIndex={selected || (!selectedId && m.id === order[0]) ? 0 : -1}
                      onClick={() => onSelect(m.id)}
                      className={cn(
                        "group flex w-full flex-col gap-1 rounded-md px-2 py-1.5 text-left text-sm transition-colors",
                        "outline-hidden hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring",
                        selected && "bg-accent text-accent-foreground ring-1 ring-border",
                      )}
                    >
                      <span className="flex w-full min-w-0 items-center gap-2">
                        <ReviewStateIcon state={m.review.state} />
                        <Icon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden="true" />
                        <span className={cn("min-w-0 flex-1 truncate font-mono text-xs", selected && "font-semibold")} title={m.path}>
                          {file}
                        </span>
                      </span>
                      {m.findings || m.openThreads || m.staleness.stale || m.carriedOver ? (
                        <span className="flex flex-wrap gap-1 pl-6">
                          <FindingsBadge count={m.findings} className="px-1.5" />
                          <ThreadsBadge count={m.openThreads} className="px-1.5" />
                          {m.staleness.stale ? <StaleBadge reason={m.staleness.reason} /> : null}
                          {m.carriedOver ? <CarriedOverBadge /> : null}
                        </span>
                      ) : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}

"use client";

import { memo, useMemo, type KeyboardEvent, type MouseEvent } from "react";
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

/** One file in the tree. Memoised: a new selection re-renders the two files it concerns, not all of them. */
const TreeItem = memo(function TreeItem({ m, selected, tabbable }: { m: ReviewModuleItem; selected: boolean; tabbable: boolean }) {
  const Icon = ROLE_ICON[m.role as keyof typeof ROLE_ICON] ?? FileCode2;
  const file = m.path.split("/").pop() ?? m.path;
  // Rendered only near the viewport (content-visibility): the tree of a large run is most of the page's elements,
  // and off screen it cost style and layout on every change of the page. The padding keeps the focus ring inside
  // the paint containment that comes with it; the negative margin keeps the layout as it was.
  return (
    <li className="-m-0.5 p-0.5 [contain-intrinsic-size:auto_3.25rem] [content-visibility:auto]">
      <button
        type="button"
        data-module-id={m.id}
        data-path={m.path}
        aria-current={selected ? "true" : undefined}
        aria-label={moduleLabel(m)}
        tabIndex={tabbable ? 0 : -1}
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
});

/**
 * The run's files by step. A list of buttons (Tab reaches the selected one; arrow keys, Home and End move
 * between files), each saying its review state, findings, open threads, staleness and whether it was carried over.
 * Clicks and keys are handled once for the whole list.
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
  const idOf = (e: { target: EventTarget }) => (e.target as HTMLElement).closest<HTMLElement>("[data-module-id]")?.dataset.moduleId;

  function onClick(e: MouseEvent<HTMLElement>) {
    const id = idOf(e);
    if (id) onSelect(id);
  }

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    const current = idOf(e);
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
    <nav aria-label={label} onClick={onClick} onKeyDown={onKeyDown} data-testid="module-tree">
      <ul className="flex flex-col gap-3">
        {groups.map((g) => (
          <li key={g.step}>
            <h3 className="mb-1 truncate px-2 font-mono text-xs font-medium text-muted-foreground" title={stepLabel(g.step)} id={`step-${g.step}`}>
              {isFlowStep(g.step) ? "flow" : g.step}
            </h3>
            <ul aria-labelledby={`step-${g.step}`} className="flex flex-col gap-0.5">
              {g.modules.map((m) => (
                <TreeItem key={m.id} m={m} selected={m.id === selectedId} tabbable={m.id === selectedId || (!selectedId && m.id === order[0])} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}

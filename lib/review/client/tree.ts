import { isFlowStep } from "@/lib/review/client/format";
import type { ReviewModuleItem } from "@/lib/review/client/types";

export interface StepGroup {
  step: string;
  modules: ReviewModuleItem[];
}

/** Modules grouped by step, in the run's step order (unknown steps after, the flow last); module before test. */
export function groupByStep(modules: ReviewModuleItem[], stepOrder: string[]): StepGroup[] {
  const rank = (step: string) => (isFlowStep(step) ? Number.MAX_SAFE_INTEGER : stepOrder.indexOf(step) === -1 ? stepOrder.length : stepOrder.indexOf(step));
  const roleRank = (r: string) => (r === "module" ? 0 : r === "test" ? 1 : 2);
  const groups = new Map<string, ReviewModuleItem[]>();
  for (const m of modules) groups.set(m.step, [...(groups.get(m.step) ?? []), m]);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([step, ms]) => ({ step, modules: ms.sort((x, y) => roleRank(x.role) - roleRank(y.role) || x.path.localeCompare(y.path)) }));
}

/** The file a review opens on: the linked one, else the first still waiting for review, else the first. */
export function initialModuleId(modules: ReviewModuleItem[], stepOrder: string[], linked?: string): string | null {
  const ordered = groupByStep(modules, stepOrder).flatMap((g) => g.modules);
  return ordered.find((m) => m.id === linked)?.id ?? ordered.find((m) => m.review.state === "pending")?.id ?? ordered[0]?.id ?? null;
}

/** The files next to `id` in tree order, the next one first: where a reviewer goes after this one. */
export function treeNeighbours<T extends { id: string }>(ordered: T[], id: string): T[] {
  const i = ordered.findIndex((m) => m.id === id);
  if (i === -1) return [];
  return [ordered[i + 1], ordered[i - 1]].filter((m): m is T => m !== undefined);
}

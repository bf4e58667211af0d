/**
 * Rules about how steps relate: unique ids, dependencies that exist, are not self-references
 * and do not form cycles. Works on the lenient AST reading so it runs even when the schema
 * has complaints elsewhere, and every diagnostic points at the exact id or depends_on entry.
 */
import type { SpecDiagnostic } from "../types";
import { spanOf, type SourceDoc } from "./ast";
import { findCycles, type Cycle, type Edge } from "./cycles";
import { makeDiagnostic, positionAt } from "./diagnostics";
import type { StepRef } from "./extract";
import { closestMatch } from "./suggest";

const LISTED_IDS = 8;
// Edit-distance comparisons allowed per validation for "did you mean" hints; a hostile spec with
// thousands of unknown references against thousands of steps would otherwise take seconds.
const SUGGESTION_BUDGET = 200_000;

/** Errors (and repeat-entry warnings) for the dependency graph of `steps`. */
export function graphDiagnostics(source: SourceDoc, steps: readonly StepRef[]): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  const at = (node: StepRef["idNode"], severity: "error" | "warning", message: string, path: StepRef["idPath"]) =>
    out.push(makeDiagnostic(source.lineCounter, spanOf(node) ?? { start: 0, end: 0 }, severity, message, path));

  const first = new Map<string, StepRef>();
  for (const step of steps) {
    const earlier = first.get(step.id);
    if (!earlier) {
      first.set(step.id, step);
      continue;
    }
    const line = positionAt(source.lineCounter, earlier.idNode.range?.[0] ?? 0).line;
    at(step.idNode, "error", `duplicate step id \`${step.id}\` — the step on line ${line} already uses it; step ids must be unique, so rename one of them`, step.idPath);
  }

  let budget = SUGGESTION_BUDGET;
  let listing: string | undefined;
  const unknown = (stepId: string, depId: string) => {
    const head = `step \`${stepId}\` depends on \`${depId}\`, but there is no step with that id`;
    const guess = budget >= first.size ? closestMatch(depId, first.keys()) : undefined;
    budget -= first.size;
    if (guess) return `${head} — did you mean \`${guess}\`?`;
    listing ??= listIds([...first.keys()]);
    return `${head} — add a step \`${depId}\` or remove it from \`depends_on\` (existing steps: ${listing})`;
  };

  const edges: Edge[] = [];
  steps.forEach((step, k) => {
    const stepPath = step.idPath.slice(0, 3);
    if (step.dependsOn === null) {
      const previous = steps[k - 1];
      if (previous && previous.id !== step.id && first.get(step.id) === step) edges.push({ from: step, to: previous.id });
      return;
    }
    const seen = new Set<string>();
    for (const dep of step.dependsOn) {
      const path = [...stepPath, "depends_on", dep.index];
      if (dep.id === step.id) {
        at(dep.node, "error", `step \`${step.id}\` depends on itself — remove \`${dep.id}\` from its \`depends_on\``, path);
      } else if (!first.has(dep.id)) {
        at(dep.node, "error", unknown(step.id, dep.id), path);
      } else if (seen.has(dep.id)) {
        at(dep.node, "warning", `\`${dep.id}\` is listed twice in \`depends_on\` of step \`${step.id}\` — remove the repeat`, path);
      } else if (first.get(step.id) === step) {
        edges.push({ from: step, to: dep.id, dep });
      }
      seen.add(dep.id);
    }
  });

  for (const cycle of findCycles(edges)) {
    const [start] = cycle;
    const path = [...start.from.idPath.slice(0, 3), "depends_on", start.dep!.index];
    at(start.dep!.node, "error", cycleMessage(cycle), path);
  }
  return out;
}

function listIds(ids: string[]): string {
  return ids.slice(0, LISTED_IDS).join(", ") + (ids.length > LISTED_IDS ? ", …" : "");
}

function cycleMessage(cycle: Cycle): string {
  const ids = [cycle[0].from.id, ...cycle.map((edge) => edge.to)];
  const implicit = cycle.filter((edge) => !edge.dep).map((edge) => `${edge.from.id} → ${edge.to}`);
  const why =
    implicit.length === 0
      ? ""
      : ` (${implicit.join(" and ")} ${implicit.length === 1 ? "is" : "are"} implicit: a step without \`depends_on\` runs after the previous step; give it an explicit \`depends_on\` to change that)`;
  // Long cycles are named by their ends; the id list would otherwise swamp the message.
  const named = ids.length > 12 ? [...ids.slice(0, 6), "…", ...ids.slice(-5)] : ids;
  const size = ids.length > 12 ? ` (${ids.length - 1} steps)` : "";
  return `dependency cycle: ${named.join(" → ")}${size} — each step waits for the next, so none of them can run; remove one of these dependencies${why}`;
}

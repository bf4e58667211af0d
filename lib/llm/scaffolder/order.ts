import type { Spec, SpecStep } from "../../specs/types";

/**
 * Steps in depends_on order. Among the steps that are ready, the one listed first in the spec goes
 * first, so the order is stable: a spec already written in dependency order keeps its order, and the
 * generated flow module does not change when nothing relevant changed.
 *
 * Dependencies on ids that are not in the spec are ignored (the spec validator reports those); a cycle
 * throws, because any order we picked would run a step before its input exists.
 */
export function stepsInOrder(spec: Spec): SpecStep[] {
  const known = new Set(spec.steps.map((s) => s.id));
  const placed = new Set<string>();
  const ordered: SpecStep[] = [];
  let remaining = spec.steps.slice();

  while (remaining.length > 0) {
    const ready = remaining.find((step) => step.dependsOn.every((dep) => !known.has(dep) || placed.has(dep)));
    if (!ready) {
      throw new Error(`depends_on cycle among steps: ${remaining.map((s) => s.id).join(", ")}`);
    }
    ordered.push(ready);
    placed.add(ready.id);
    remaining = remaining.filter((step) => step !== ready);
  }
  return ordered;
}

/** The steps `step` depends on, in flow order (for the "interfaces of dependencies" part of a prompt). */
export function dependenciesOf(spec: Spec, step: SpecStep): SpecStep[] {
  const wanted = new Set(step.dependsOn);
  return stepsInOrder(spec).filter((s) => wanted.has(s.id));
}

/**
 * Cycle detection over the step graph, including the implicit "runs after the previous step"
 * edges, because those are part of the order the generated flow will use.
 */
import type { DependencyRef, StepRef } from "./extract";

/** A "`from` depends on `to`" edge; `dep` is absent for implicit previous-step edges. */
export interface Edge {
  from: StepRef;
  to: string;
  dep?: DependencyRef;
}

/** A cycle as a closed walk of edges, starting at an explicit `depends_on` entry. */
export type Cycle = Edge[];

/** One cycle per strongly connected component with more than one step. */
export function findCycles(edges: readonly Edge[]): Cycle[] {
  const adjacency = new Map<string, Edge[]>();
  for (const edge of edges) {
    const list = adjacency.get(edge.from.id) ?? [];
    list.push(edge);
    adjacency.set(edge.from.id, list);
  }
  const cycles: Cycle[] = [];
  for (const component of stronglyConnected(adjacency)) {
    if (component.size < 2) continue;
    const inside = edges.filter((e) => component.has(e.from.id) && component.has(e.to));
    // Every cycle has an explicit edge (implicit ones only point backwards); blame the first one written.
    const explicit = inside.filter((e) => e.dep).sort((a, b) => offset(a) - offset(b));
    const start = explicit[0];
    if (!start) continue;
    const back = shortestPath(start.to, start.from.id, adjacency, component);
    if (back) cycles.push([start, ...back]);
  }
  return cycles;
}

const offset = (edge: Edge) => edge.dep?.node.range?.[0] ?? 0;

/** Breadth-first path of edges from `from` to `to`, staying inside `within`. */
function shortestPath(from: string, to: string, adjacency: Map<string, Edge[]>, within: Set<string>): Edge[] | null {
  const via = new Map<string, Edge | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    if (node === to) break;
    for (const edge of adjacency.get(node) ?? []) {
      if (!within.has(edge.to) || via.has(edge.to)) continue;
      via.set(edge.to, edge);
      queue.push(edge.to);
    }
  }
  if (!via.has(to)) return null;
  const path: Edge[] = [];
  for (let edge = via.get(to); edge; edge = via.get(edge.from.id)) path.unshift(edge);
  return path;
}

/** Tarjan's algorithm, iterative so that long chains of steps cannot overflow the stack. */
function stronglyConnected(adjacency: Map<string, Edge[]>): Set<string>[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: Set<string>[] = [];
  let counter = 0;

  for (const root of adjacency.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const out = adjacency.get(frame.node) ?? [];
      if (frame.next < out.length) {
        const target = out[frame.next++].to;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = new Set<string>();
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.add(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

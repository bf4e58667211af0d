/**
 * Lenient reading of the steps straight from the YAML AST, with source nodes attached.
 * It works on documents the schema rejects, so dependency checks and the outline still
 * see every step that has a readable id.
 */
import { isMap, isScalar, isSeq, type Node } from "yaml";
import { deref, findPair, mapValue, stringValue, type PathSegment, type SourceDoc } from "./ast";

/** One `depends_on` entry as written. */
export interface DependencyRef {
  id: string;
  node: Node;
  /** position in the `depends_on` list */
  index: number;
}

/** One step as written, with the nodes needed to point at it. */
export interface StepRef {
  id: string;
  /** position in `workflow.steps` */
  index: number;
  /** the scalar holding the id */
  idNode: Node;
  /** document path of the id: `workflow.steps[i]` (short form) or `workflow.steps[i].id` */
  idPath: PathSegment[];
  /** the whole list item */
  item: Node;
  /** null when there is no `depends_on` key: the step implicitly follows the previous one */
  dependsOn: DependencyRef[] | null;
}

/** Every step with a string id, in list order. */
export function extractSteps(source: SourceDoc): StepRef[] {
  const workflow = mapValue(source, source.doc.contents, "workflow");
  const steps = mapValue(source, workflow, "steps");
  if (!isSeq(steps)) return [];
  const out: StepRef[] = [];
  steps.items.forEach((raw, index) => {
    const item = deref(source, raw);
    if (!item) return;
    if (isScalar(item)) {
      const id = stringValue(item);
      const idPath = ["workflow", "steps", index];
      if (id) out.push({ id, index, idNode: item, idPath, item: raw as Node, dependsOn: null });
      return;
    }
    if (!isMap(item)) return;
    const idNode = mapValue(source, item, "id");
    const id = stringValue(idNode);
    if (!id || !idNode) return;
    const idPath = ["workflow", "steps", index, "id"];
    out.push({ id, index, idNode, idPath, item: raw as Node, dependsOn: readDependencies(source, item) });
  });
  return out;
}

function readDependencies(source: SourceDoc, step: Node): DependencyRef[] | null {
  if (!isMap(step) || !findPair(step, "depends_on")) return null;
  const list = mapValue(source, step, "depends_on");
  // A malformed depends_on still counts as explicit: guessing "previous step" would invent edges.
  if (!isSeq(list)) return [];
  const refs: DependencyRef[] = [];
  list.items.forEach((raw, index) => {
    const node = deref(source, raw);
    const id = stringValue(node);
    if (id && node) refs.push({ id, node, index });
  });
  return refs;
}

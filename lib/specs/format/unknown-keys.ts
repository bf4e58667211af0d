/**
 * Warnings for keys the format does not know. They are not errors so that specs written for a
 * newer version (or carrying notes for humans) still validate, but typos like `dependsOn` get caught.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from "yaml";
import type { SpecDiagnostic } from "../types";
import { deref, findPair, keyName, mapValue, spanOf, stringValue, type PathSegment, type SourceDoc } from "./ast";
import { makeDiagnostic } from "./diagnostics";
import { KNOWN_KEYS } from "./schema";
import { closestMatch } from "./suggest";

/** Warns about every unknown key in the mappings the format defines. */
export function unknownKeyWarnings(source: SourceDoc): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  const check = (node: unknown, known: readonly string[], where: string, path: PathSegment[]) => {
    const map = deref(source, node);
    if (isMap(map)) out.push(...warnMap(source, map, known, where, path));
  };

  const root = source.doc.contents;
  check(root, KNOWN_KEYS.root, "at the top level", []);
  const workflow = mapValue(source, root, "workflow");
  check(workflow, KNOWN_KEYS.workflow, "in `workflow`", ["workflow"]);
  const steps = mapValue(source, workflow, "steps");
  if (!isSeq(steps)) return out;

  steps.items.forEach((item, i) => {
    const step = deref(source, item);
    // `- validate_input:` is reported as a misspelt short-form step; calling the key unknown too is noise.
    if (!isMap(step) || isTrailingColonStep(step)) return;
    const id = stringValue(mapValue(source, step, "id"));
    const stepName = id ? `step \`${id}\`` : `step #${i + 1}`;
    const stepPath = ["workflow", "steps", i];
    check(step, KNOWN_KEYS.step, `in ${stepName}`, stepPath);
    for (const list of ["inputs", "outputs"] as const) {
      const fields = mapValue(source, step, list);
      if (!isSeq(fields)) continue;
      fields.items.forEach((f, j) => {
        const field = deref(source, f);
        // Only the full form has fixed keys; a one-pair mapping is the `name: type` shorthand.
        if (!isMap(field) || !findPair(field, "name")) return;
        const name = stringValue(mapValue(source, field, "name")) ?? `#${j + 1}`;
        const where = `in ${list.slice(0, -1)} \`${name}\` of ${stepName}`;
        check(field, KNOWN_KEYS.field, where, [...stepPath, list, j]);
      });
    }
  });
  return out;
}

function warnMap(source: SourceDoc, map: YAMLMap, known: readonly string[], where: string, path: PathSegment[]) {
  const out: SpecDiagnostic[] = [];
  for (const pair of map.items) {
    const key = keyName(pair);
    if (key === undefined || known.includes(key)) continue;
    const guess = closestMatch(key, known);
    const didYouMean = guess ? ` (did you mean \`${guess}\`?)` : "";
    const message = `unknown key \`${key}\` ${where}${didYouMean} — it is ignored; known keys are: ${known.join(", ")}`;
    const span = spanOf(pair.key as Node) ?? { start: 0, end: 0 };
    out.push(makeDiagnostic(source.lineCounter, span, "warning", message, [...path, key]));
  }
  return out;
}

function isTrailingColonStep(step: YAMLMap): boolean {
  const [only] = step.items;
  return step.items.length === 1 && keyName(only) !== "id" && (only.value == null || (isScalar(only.value) && only.value.value === null));
}

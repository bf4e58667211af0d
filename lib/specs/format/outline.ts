/** Step ids with positions for the editor's outline panel and for completion, even on broken specs. */
import { LineCounter } from "yaml";
import { buildAliasIndex, type SourceDoc } from "./ast";
import { lineCounterFor, positionAt } from "./diagnostics";
import { extractSteps } from "./extract";
import { MAX_SPEC_BYTES } from "./limits";
import { scanStepIds, type ScannedStep } from "./scan";
import { parseYaml } from "./yaml-parse";

/** One step in the outline; line/column (1-based) are those of its id. */
export interface OutlineEntry {
  id: string;
  line: number;
  column: number;
}

/** Step ids in list order with the position of each id; best-effort on invalid documents. */
export function stepOutline(text: string): OutlineEntry[] {
  const { steps, lineCounter } = locateSteps(text);
  return steps.map(({ id, offset }) => ({ id, ...positionAt(lineCounter, offset) }));
}

/** Distinct step ids in list order, for completing `depends_on` entries. */
export function stepIdsForCompletion(text: string): string[] {
  return [...new Set(locateSteps(text).steps.map((step) => step.id))];
}

/** Step ids with source offsets, from the YAML AST or — when the YAML is broken — a line scan. */
export function locateSteps(text: string): { steps: ScannedStep[]; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  // The outline runs on every keystroke; a document over the limit is rejected anyway.
  if (text.length > MAX_SPEC_BYTES) return { steps: [], lineCounter };
  try {
    const [doc] = parseYaml(text, lineCounter).docs;
    if (!doc) return { steps: scanStepIds(text), lineCounter };
    const source: SourceDoc = { text, doc, lineCounter, aliases: buildAliasIndex(doc) };
    const fromAst = extractSteps(source).map((s) => ({
      id: s.id,
      offset: s.idNode.range?.[0] ?? 0,
      itemStart: s.item.range?.[0] ?? 0,
    }));
    if (doc.errors.length === 0) return { steps: fromAst, lineCounter };
    // The parser's recovery can drop everything after a bad line; keep whichever reading saw more.
    const scanned = scanStepIds(text);
    return { steps: scanned.length > fromAst.length ? scanned : fromAst, lineCounter };
  } catch {
    return { steps: scanStepIds(text), lineCounter: lineCounterFor(text) };
  }
}

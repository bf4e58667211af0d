/**
 * The one place text is handed to the yaml library. Parsing is split into its CST and compose
 * stages so nesting depth can be checked in between: the composer recurses per level, and a stack
 * overflow there can hit V8 inside regex compilation, which aborts the whole process instead of
 * throwing. A spec needs only a handful of levels, so anything deep is rejected up front.
 */
import { Composer, Parser, type CST, type Document, type LineCounter } from "yaml";
import { MAX_NESTING_DEPTH } from "./limits";

/**
 * Parser options shared by validation and the outline. The YAML 1.2 core schema is pinned even if
 * the text carries a `%YAML 1.1` directive, so `yes` stays a string and no dates, binaries or merge
 * keys are constructed; keys are always plain strings.
 */
export const PARSE_OPTIONS = { schema: "core", merge: false, stringKeys: true, uniqueKeys: true } as const;

/** Parsed documents, or the offset where nesting first exceeds `MAX_NESTING_DEPTH`. */
export interface ParsedYaml {
  docs: Document.Parsed[];
  tooDeepAt?: number;
}

/** Parses all documents of `text`, refusing to compose overly nested input. */
export function parseYaml(text: string, lineCounter: LineCounter): ParsedYaml {
  const bracketFlood = bracketFloodAt(text);
  if (bracketFlood !== undefined) return { docs: [], tooDeepAt: bracketFlood };
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  for (const token of tokens) {
    const tooDeepAt = nestingOverflow(token);
    if (tooDeepAt !== undefined) return { docs: [], tooDeepAt };
  }
  const docs = Array.from(new Composer(PARSE_OPTIONS).compose(tokens)) as Document.Parsed[];
  return { docs };
}

// The CST parser slows down badly on hundreds of thousands of open brackets; no real spec has even a
// thousand unclosed `[`/`{` at once (prose brackets are balanced), so such input is refused unparsed.
function bracketFloodAt(text: string): number | undefined {
  const limit = MAX_NESTING_DEPTH * 16;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return undefined;
}

/** Offset of the first CST token nested deeper than allowed (iterative: the input may be hostile). */
function nestingOverflow(root: CST.Token): number | undefined {
  const stack: [CST.Token, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (depth > MAX_NESTING_DEPTH) return "offset" in token ? token.offset : 0;
    if (token.type === "document" && token.value) stack.push([token.value, depth]);
    if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      for (const item of token.items) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

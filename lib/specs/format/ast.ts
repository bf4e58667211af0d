/**
 * Read-only helpers over the yaml library's AST. Aliases are resolved through a precomputed
 * index (never by recursive expansion) so walking a hostile document stays linear.
 */
import { isAlias, isMap, isScalar, visit } from "yaml";
import type { Document, LineCounter, Node, Pair, Scalar, YAMLMap } from "yaml";

/** A parsed document plus everything needed to turn nodes into positions. */
export interface SourceDoc {
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** alias node → the anchored node it refers to (undefined when unresolved) */
  aliases: Map<Node, Node | undefined>;
}

/** A half-open [start, end) range of UTF-16 offsets into the source text. */
export interface Span {
  start: number;
  end: number;
}

/** Path segments as zod reports them: mapping keys and sequence indices. */
export type PathSegment = PropertyKey;

/** Maps every alias to its anchor in one document-order pass (the last anchor defined before it wins, as in YAML). */
export function buildAliasIndex(doc: Document.Parsed): Map<Node, Node | undefined> {
  const anchors = new Map<string, Node>();
  const index = new Map<Node, Node | undefined>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) index.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return index;
}

/** Follows an alias to its target; other nodes are returned as-is. */
export function deref(source: SourceDoc, node: unknown): Node | undefined {
  if (isAlias(node)) return source.aliases.get(node);
  return (node ?? undefined) as Node | undefined;
}

/** The text of a scalar key, or undefined for complex keys. */
export function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** The pair of `map` whose key is `key`. */
export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => keyName(pair) === key);
}

/** The (dereferenced) value under `key` when `node` is a mapping. */
export function mapValue(source: SourceDoc, node: unknown, key: string): Node | undefined {
  const map = deref(source, node);
  if (!isMap(map)) return undefined;
  const pair = findPair(map, key);
  return pair ? deref(source, pair.value) : undefined;
}

/** The string value of a scalar node, if it is one. */
export function stringValue(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === "string" ? node.value : undefined;
}

/** The source span of a node's value (without trailing comments / line breaks). */
export function spanOf(node: Node | Scalar | null | undefined): Span | undefined {
  if (!node?.range) return undefined;
  return { start: node.range[0], end: node.range[1] };
}

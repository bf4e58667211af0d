/**
 * From a path or offset to a place in the source: how diagnostics find the node to point at.
 */
import { isMap, isPair, isSeq } from "yaml";
import type { Node } from "yaml";
import { deref, findPair, keyName, spanOf, type PathSegment, type SourceDoc, type Span } from "./ast";

/** Where the node at `path` is, or the closest thing to blame when it is missing or empty. */
export function locatePath(source: SourceDoc, path: readonly PathSegment[]): Span {
  let node: Node | undefined = deref(source, source.doc.contents);
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = findPair(node, String(segment));
      // A missing key is blamed on the mapping that should hold it.
      if (!pair) return headSpan(source, node);
      keyNode = pair.key as Node;
      node = deref(source, pair.value);
    } else if (isSeq(node) && typeof segment === "number" && node.items[segment] !== undefined) {
      keyNode = undefined;
      node = deref(source, node.items[segment]);
    } else {
      break;
    }
  }
  const span = spanOf(node);
  // `key:` with nothing after it is an empty scalar; underline the key instead.
  if ((!span || span.start === span.end) && keyNode) return spanOf(keyNode) ?? { start: 0, end: 0 };
  return trimEnd(source.text, span ?? { start: 0, end: 0 });
}

// Block collections end after their last line break; stop the underline at the last visible character.
// An empty list item (`-` alone) has an empty range; widen it onto the dash so there is something to see.
function trimEnd(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  if (end > span.start) return { start: span.start, end };
  let start = span.start;
  while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
  return text[start - 1] === "-" ? { start: start - 1, end: start } : { start: span.start, end };
}

/** A mapping's first line only, so a "missing key" complaint does not underline a whole block. */
function headSpan(source: SourceDoc, node: Node): Span {
  const span = spanOf(node) ?? { start: 0, end: 0 };
  const lineEnd = source.text.indexOf("\n", span.start);
  const end = lineEnd === -1 ? span.end : Math.min(span.end, lineEnd);
  return { start: span.start, end: Math.max(span.start, end) };
}

/** The path of the innermost node containing `offset` (best-effort, for syntax errors). */
export function pathAtOffset(source: SourceDoc, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  const start = (n: unknown) => (n as Node | null)?.range?.[0] ?? Infinity;
  const end = (n: unknown) => (n as Node | null)?.range?.[2] ?? -Infinity;
  const contains = (from: unknown, to: unknown) => start(from) <= offset && offset <= end(to);
  let node: unknown = source.doc.contents;
  while (isMap(node) || isSeq(node)) {
    const items = node.items as unknown[];
    // A pair spans from its key to the end of its value, so tags and anchors before a value count too.
    const item = items.find((it) => (isPair(it) ? contains(it.key, it.value ?? it.key) : contains(it, it)));
    if (item === undefined) break;
    if (isPair(item)) {
      const key = keyName(item);
      if (key === undefined) break;
      path.push(key);
      node = item.value;
    } else {
      path.push(items.indexOf(item));
      node = item;
    }
  }
  return path;
}

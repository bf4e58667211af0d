import * as Y from "yjs";

/** The shared type holding a spec's YAML text inside its Yjs document. */
export const TEXT_KEY = "content";

export const toBase64 = (u: Uint8Array) => Buffer.from(u).toString("base64");
export const fromBase64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));

export function docFromText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText(TEXT_KEY).insert(0, text);
  return doc;
}

export function textOf(doc: Y.Doc): string {
  return doc.getText(TEXT_KEY).toString();
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Turn the document's text into `next` with the smallest edit (common prefix and suffix kept), so that the cursors
 * and concurrent edits of live editors survive a change made through the API or a restore.
 */
export function replaceText(doc: Y.Doc, next: string, origin?: unknown): void {
  const ytext = doc.getText(TEXT_KEY);
  const prev = ytext.toString();
  if (prev === next) return;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  // Never cut a surrogate pair (emoji often share their first half): Yjs would store each lone half as U+FFFD.
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
    endPrev--;
    endNext--;
  }
  if (endPrev < prev.length && isLowSurrogate(prev.charCodeAt(endPrev))) {
    endPrev++;
    endNext++;
  }
  doc.transact(() => {
    if (endPrev > start) ytext.delete(start, endPrev - start);
    if (endNext > start) ytext.insert(start, next.slice(start, endNext));
  }, origin);
}

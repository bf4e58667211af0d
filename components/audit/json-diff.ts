import { diffLines, diffWordsWithSpace } from "diff";

/** Plain-object check (not arrays, not null). */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The value with object keys sorted at every level, so that two versions print their keys in the same order. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}

export const prettyJson = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(canonical(v), null, 2));

export interface KeyChange {
  /** dotted path, e.g. "limits.maxConcurrentRuns"; "" for the whole value */
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Which keys differ between two JSON values (recursing into objects; arrays and scalars compare as a whole). */
export function changedKeys(before: unknown, after: unknown, path = ""): KeyChange[] {
  const a = before ?? undefined;
  const b = after ?? undefined;
  if (same(a, b)) return [];
  if ((isObject(a) || a === undefined) && (isObject(b) || b === undefined) && (a !== undefined || b !== undefined)) {
    const out: KeyChange[] = [];
    const ao = a ?? {};
    const bo = b ?? {};
    for (const k of [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort()) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in ao)) out.push({ path: p, kind: "added", after: bo[k] });
      else if (!(k in bo)) out.push({ path: p, kind: "removed", before: ao[k] });
      else out.push(...changedKeys(ao[k], bo[k], p));
    }
    return out;
  }
  return [{ path, kind: a === undefined ? "added" : b === undefined ? "removed" : "changed", before: a, after: b }];
}

export interface DiffSegment {
  text: string;
  /** within a changed line: the part that differs from its counterpart */
  changed?: boolean;
}

export interface DiffLine {
  kind: "added" | "removed" | "same";
  segments: DiffSegment[];
}

export type DiffRow = DiffLine | { kind: "skipped"; count: number };

const splitLines = (s: string) => (s.endsWith("\n") ? s.slice(0, -1) : s).split("\n");

/**
 * A line diff of the two values pretty-printed with sorted keys. A run of removed lines followed by as many added
 * lines is paired line by line and the words that differ are marked `changed`. Unchanged runs longer than
 * 2 × context + 1 lines are folded into one `skipped` row.
 */
export function jsonLineDiff(before: unknown, after: unknown, context = 3): DiffRow[] {
  const a = prettyJson(before);
  const b = prettyJson(after);
  const parts = diffLines(a ? `${a}\n` : "", b ? `${b}\n` : "");
  const lines: DiffLine[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const next = parts[i + 1];
    if (p.removed && next?.added && (p.count ?? 0) === (next.count ?? 0)) {
      const olds = splitLines(p.value);
      const news = splitLines(next.value);
      const removed: DiffLine[] = [];
      const added: DiffLine[] = [];
      olds.forEach((o, k) => {
        const words = diffWordsWithSpace(o, news[k]);
        removed.push({ kind: "removed", segments: words.filter((w) => !w.added).map((w) => ({ text: w.value, changed: w.removed })) });
        added.push({ kind: "added", segments: words.filter((w) => !w.removed).map((w) => ({ text: w.value, changed: w.added })) });
      });
      lines.push(...removed, ...added);
      i++;
      continue;
    }
    const kind = p.added ? "added" : p.removed ? "removed" : "same";
    for (const text of splitLines(p.value)) lines.push({ kind, segments: [{ text }] });
  }
  // fold long unchanged runs
  const rows: DiffRow[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].kind !== "same") {
      rows.push(lines[i++]);
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j].kind === "same") j++;
    const run = lines.slice(i, j);
    const head = i === 0 ? 0 : context;
    const tail = j === lines.length ? 0 : context;
    if (run.length > head + tail + 1) {
      rows.push(...run.slice(0, head), { kind: "skipped", count: run.length - head - tail }, ...run.slice(run.length - tail));
    } else rows.push(...run);
    i = j;
  }
  return rows;
}

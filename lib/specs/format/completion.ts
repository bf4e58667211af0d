/**
 * Completion of step ids inside `depends_on`, for the editor. Text-based on purpose: while the
 * user types, `depends_on: [va` is not valid YAML yet, but the intent is obvious from the line.
 */
import { locateSteps } from "./outline";

/** Where to complete and with what; `from`..`to` is the partial id being replaced. */
export interface DependsOnCompletion {
  from: number;
  to: number;
  /** step ids in list order, without the step being edited and ids already listed */
  ids: string[];
}

const WORD_BEFORE = /[A-Za-z0-9_]*$/;
const WORD_AFTER = /^[A-Za-z0-9_]*/;
const FLOW_OPEN = /\bdepends_on\s*:\s*\[([^\]]*)$/;
const BLOCK_ITEM = /^(\s*)-\s+[A-Za-z0-9_]*$|^(\s*)-$/;
const BLOCK_KEY = /^(\s*)(?:-\s+)?depends_on\s*:\s*(?:#.*)?$/;

/** Completion candidates when `offset` is at an entry of a `depends_on` list, else null. */
export function dependsOnCompletion(text: string, offset: number): DependsOnCompletion | null {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEndRaw = text.indexOf("\n", offset);
  const lineEnd = lineEndRaw === -1 ? text.length : lineEndRaw;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);
  const from = offset - WORD_BEFORE.exec(before)![0].length;
  const to = offset + WORD_AFTER.exec(after)![0].length;

  let listed: string[] | null = null;
  const flow = FLOW_OPEN.exec(before);
  if (flow) {
    const rest = after.slice(0, after.includes("]") ? after.indexOf("]") : after.length);
    listed = `${flow[1]},${rest}`.split(",").map(clean);
  } else if (BLOCK_ITEM.test(before)) {
    listed = blockEntries(text, lineStart, before.length - before.trimStart().length);
  }
  if (listed === null) return null;

  const partial = text.slice(from, to);
  const already = new Set(listed.filter((id) => id !== partial));
  const { steps } = locateSteps(text);
  // The step being edited is the last one whose list item starts before the cursor.
  const own = steps.filter((step) => step.itemStart <= offset).pop()?.id;
  const ids = [...new Set(steps.map((step) => step.id))].filter((id) => id !== own && !already.has(id));
  return { from, to, ids };
}

const clean = (entry: string) => entry.replace(/#.*$/, "").trim().replace(/^["']|["']$/g, "");

/** Entries of the block list around the cursor line, or null when that list is not under `depends_on:`. */
function blockEntries(text: string, lineStart: number, dashIndent: number): string[] | null {
  const lines = text.split("\n");
  const current = text.slice(0, lineStart).split("\n").length - 1;
  const entries: string[] = [];
  const sibling = (line: string) => {
    const m = /^(\s*)-\s*(.*)$/.exec(line);
    return m && m[1].length === dashIndent ? clean(m[2]) : null;
  };
  for (let i = current + 1; i < lines.length && sibling(lines[i]) !== null; i++) entries.push(sibling(lines[i])!);
  for (let i = current - 1; i >= 0; i--) {
    const line = lines[i].replace(/\r$/, "");
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const entry = sibling(line);
    if (entry !== null) {
      entries.push(entry);
      continue;
    }
    const key = BLOCK_KEY.exec(line);
    return key && key[1].length <= dashIndent ? entries : null;
  }
  return null;
}

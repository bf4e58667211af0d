/**
 * A line-based fallback reader for step ids, used by the outline when the YAML is too broken
 * for the parser to recover the step list (e.g. one mis-indented item swallows the rest).
 */

/** A step id found in the text, with its offset and the offset of its list item. */
export interface ScannedStep {
  id: string;
  offset: number;
  itemStart: number;
}

const STEPS_KEY = /^(\s*)(?:-\s+)?steps\s*:\s*(.*)$/;
const ITEM = /^(\s*)-(?:\s+|$)(.*)$/;
const ID_KEY = /^id\s*:\s*(.*)$/;

/** Step ids under the first `steps:` key, read line by line. */
export function scanStepIds(text: string): ScannedStep[] {
  const lines = splitLines(text);
  const stepsLine = lines.findIndex((l) => STEPS_KEY.test(l.text));
  if (stepsLine === -1) return [];
  const [, indent, rest] = STEPS_KEY.exec(lines[stepsLine].text)!;
  const keyIndent = indent.length;
  const restStart = lines[stepsLine].offset + lines[stepsLine].text.length - rest.length;
  if (rest.startsWith("[")) return scanFlow(text, restStart);

  const out: ScannedStep[] = [];
  let itemIndent = -1;
  let pending: { itemStart: number; contentIndent: number } | null = null;
  for (const line of lines.slice(stepsLine + 1)) {
    const trimmed = line.text.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const lineIndent = line.text.length - line.text.trimStart().length;
    const item = ITEM.exec(line.text);
    if (lineIndent < keyIndent || (lineIndent === keyIndent && !item)) break;
    if (item && (itemIndent === -1 || lineIndent <= itemIndent)) {
      itemIndent = itemIndent === -1 ? lineIndent : itemIndent;
      const contentStart = line.offset + line.text.length - item[2].length;
      const found = readItem(item[2], contentStart, line.offset + lineIndent);
      if (found) out.push(found);
      pending = found ? null : { itemStart: line.offset + lineIndent, contentIndent: contentStart - line.offset };
      continue;
    }
    const idKey = ID_KEY.exec(trimmed);
    if (pending && idKey && lineIndent === pending.contentIndent) {
      const found = readScalar(idKey[1], line.offset + line.text.length - idKey[1].length, pending.itemStart);
      if (found) out.push(found);
      pending = null;
    }
  }
  return out;
}

function readItem(content: string, offset: number, itemStart: number): ScannedStep | null {
  if (content.startsWith("{")) {
    const id = /\bid\s*:\s*["']?([^,"'}\s]+)/.exec(content);
    return id ? { id: id[1], offset: offset + id.index + id[0].length - id[1].length, itemStart } : null;
  }
  const idKey = ID_KEY.exec(content);
  if (idKey) return readScalar(idKey[1], offset + content.length - idKey[1].length, itemStart);
  // A mapping item starting with some other key: its id comes on a later line.
  if (/^[^"'\s][^:#]*:(\s|$)/.test(content)) return null;
  return readScalar(content, offset, itemStart);
}

function readScalar(raw: string, offset: number, itemStart: number): ScannedStep | null {
  const value = raw.replace(/\s+#.*$/, "").trim();
  const quoted = /^(["'])(.*)\1$/.exec(value);
  const id = quoted ? quoted[2] : value;
  if (!id || /[\s:[\]{},]/.test(id)) return null;
  // Like the AST reading, a quoted id is located at its opening quote.
  return { id, offset, itemStart };
}

function scanFlow(text: string, open: number): ScannedStep[] {
  const close = text.indexOf("]", open);
  const body = text.slice(open + 1, close === -1 ? text.length : close);
  const out: ScannedStep[] = [];
  const entry = /[^,]+/g;
  for (let m = entry.exec(body); m; m = entry.exec(body)) {
    const lead = m[0].length - m[0].trimStart().length;
    const found = readScalar(m[0], open + 1 + m.index + lead, open + 1 + m.index + lead);
    if (found) out.push(found);
  }
  return out;
}

function splitLines(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    out.push({ text: line.replace(/\r$/, ""), offset });
    offset += line.length + 1;
  }
  return out;
}

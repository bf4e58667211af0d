import type { Scan } from "./source-scan";

/** Python: # comments, and strings with r/b/u/f prefixes, single or triple quoted. */
export function scanPython(s: Scan): void {
  const t = s.text;
  let i = 0;
  while (i < t.length) {
    const c = t[i];
    if (c === "#") {
      const end = s.lineEnd(i);
      s.mask(i + 1, end);
      i = end;
      continue;
    }
    const atWordStart = i === 0 || !/\w/.test(t[i - 1]);
    const m = c === '"' || c === "'" || atWordStart ? /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(t.slice(i, i + 5)) : null;
    if (!m) {
      i++;
      continue;
    }
    const quote = m[2];
    const bodyStart = i + m[0].length;
    let j = bodyStart;
    let closed = false;
    while (j < t.length) {
      if (t[j] === "\\") j += 2; // also in raw strings a backslash keeps the next quote from closing
      else if (t.startsWith(quote, j)) {
        closed = true;
        break;
      } else if (quote.length === 1 && t[j] === "\n") break;
      else j++;
    }
    const bodyEnd = Math.min(j, t.length);
    const body = t.slice(bodyStart, bodyEnd);
    const isF = /f/i.test(m[1]);
    s.strings.push({
      start: i,
      end: closed ? bodyEnd + quote.length : bodyEnd,
      body,
      kind: isF ? "fstring" : "string",
      interpolated: isF && /\{(?!\{)/.test(body.replace(/\{\{/g, "")),
    });
    s.mask(bodyStart, bodyEnd);
    i = closed ? bodyEnd + quote.length : bodyEnd;
  }
}

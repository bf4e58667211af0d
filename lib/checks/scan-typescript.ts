import type { Scan } from "./source-scan";

const REGEX_BEFORE = /[(,=:[!&|?{};+\-*%<>~^]$/;
const REGEX_AFTER_WORDS = /\b(?:return|typeof|case|do|else|in|of|yield|await|void|delete|throw|new)$/;

/** TypeScript/JavaScript: comments, quotes, template literals with nested ${...}, regex literals. */
export function scanTypeScript(s: Scan): void {
  const t = s.text;

  // Scans code from i; inside ${...} (nested = true) stops after the matching "}".
  const code = (start: number, nested: boolean): number => {
    let i = start;
    let depth = 0;
    while (i < t.length) {
      const c = t[i];
      if (c === "/" && t[i + 1] === "/") {
        const end = s.lineEnd(i);
        s.mask(i + 2, end);
        i = end;
      } else if (c === "/" && t[i + 1] === "*") {
        const close = t.indexOf("*/", i + 2);
        const end = close === -1 ? t.length : close;
        s.mask(i + 2, end);
        i = close === -1 ? t.length : close + 2;
      } else if (c === '"' || c === "'") {
        let j = i + 1;
        while (j < t.length && t[j] !== c && t[j] !== "\n") j += t[j] === "\\" ? 2 : 1;
        const closed = t[j] === c;
        s.strings.push({ start: i, end: closed ? j + 1 : j, body: t.slice(i + 1, j), kind: "string", interpolated: false });
        s.mask(i + 1, j);
        i = closed ? j + 1 : j;
      } else if (c === "`") {
        i = template(i);
      } else if (c === "/" && isRegexStart(i)) {
        i = regex(i);
      } else {
        if (nested && c === "{") depth++;
        if (nested && c === "}") {
          if (depth === 0) return i + 1;
          depth--;
        }
        i++;
      }
    }
    return i;
  };

  const template = (start: number): number => {
    let i = start + 1;
    let interpolated = false;
    let chunkStart = i;
    while (i < t.length && t[i] !== "`") {
      if (t[i] === "\\") i += 2;
      else if (t[i] === "$" && t[i + 1] === "{") {
        s.mask(chunkStart, i);
        interpolated = true;
        i = code(i + 2, true);
        chunkStart = i;
      } else i++;
    }
    s.mask(chunkStart, i);
    const end = Math.min(i + 1, t.length);
    s.strings.push({ start, end, body: t.slice(start + 1, i), kind: "template", interpolated });
    return end;
  };

  const isRegexStart = (i: number): boolean => {
    const before = s.out.slice(Math.max(0, i - 40), i).join("").replace(/\s+$/, "");
    return before === "" || REGEX_BEFORE.test(before) || REGEX_AFTER_WORDS.test(before);
  };

  const regex = (start: number): number => {
    let j = start + 1;
    let inClass = false;
    while (j < t.length && t[j] !== "\n") {
      if (t[j] === "\\") j += 2;
      else if (t[j] === "[") {
        inClass = true;
        j++;
      } else if (t[j] === "]") {
        inClass = false;
        j++;
      }
      else if (t[j] === "/" && !inClass) break;
      else j++;
    }
    if (t[j] !== "/") return start + 1; // not a regex after all (a division across lines)
    s.mask(start + 1, j);
    return j + 1;
  };

  code(0, false);
}

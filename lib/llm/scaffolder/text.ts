/**
 * Putting spec text (written by users, possibly hostile) into generated code. Every helper here
 * guarantees the text stays inside its container: a docstring, a comment, or a string literal.
 */

/**
 * Invisible or misleading characters: C0/C1 controls (except tab and newline) and the bidi controls used
 * in "Trojan Source" attacks, which make code render differently from how it parses.
 */
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Line breaks other than \n that some tools (Python, editors, JS) treat as line ends. */
const OTHER_LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g;

const PY_DOC_SPECIAL = new RegExp(`[\\\\"]|${UNSAFE_CHARS.source}`, "g");

function hex2(code: number): string {
  return code.toString(16).padStart(2, "0");
}

function hex4(code: number): string {
  return code.toString(16).padStart(4, "0");
}

/** One line ending everywhere, so line numbers agree between Python, TypeScript and the editor. */
export function normalizeNewlines(text: string): string {
  return text.replace(OTHER_LINE_BREAKS, "\n");
}

/**
 * Body of a Python """docstring""": backslashes doubled (no accidental escapes such as \N or \x), a quote
 * escaped whenever it touches another quote or ends the text (so no """ can close the string early),
 * unsafe characters as \x / \u escapes. One pass over the original text, so escapes never compound.
 */
export function pyDocText(text: string): string {
  const src = normalizeNewlines(text);
  return src.replace(PY_DOC_SPECIAL, (c, offset: number) => {
    if (c === "\\") return "\\\\";
    if (c === '"') {
      const touching = src[offset - 1] === '"' || src[offset + 1] === '"' || offset === src.length - 1;
      return touching ? '\\"' : '"';
    }
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${hex2(code)}` : `\\u${hex4(code)}`;
  });
}

/** Text for a /** JSDoc *\/ block: `*\/` cannot close the comment; unsafe characters shown as escapes. */
export function jsDocText(text: string): string {
  return normalizeNewlines(text)
    .replace(/\*\//g, "*\\/")
    .replace(UNSAFE_CHARS, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** Unsafe characters made visible as \u{..}, for text that is shown rather than compiled (prompts). */
export function visibleControls(text: string): string {
  return text.replace(UNSAFE_CHARS, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** Text for a single-line comment (# or //): every line break becomes a space, so it cannot end the comment. */
export function commentText(text: string): string {
  return normalizeNewlines(text)
    .replace(/\s*\n\s*/g, " ")
    .replace(UNSAFE_CHARS, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`)
    .trim();
}

/**
 * A double-quoted string literal valid in both Python and TypeScript. JSON escaping is a subset of both
 * languages' escapes; the bidi controls and U+2028/9 are escaped too (JSON leaves them raw).
 */
export function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, (c) => `\\u${hex4(c.charCodeAt(0))}`);
}

/** Prefixes every non-empty line; empty lines stay empty so no trailing whitespace is generated. */
export function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => (line.length > 0 ? prefix + line : line))
    .join("\n");
}

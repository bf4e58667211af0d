import type { TargetLanguage } from "../specs/types";
import { scanPython } from "./scan-python";
import { scanTypeScript } from "./scan-typescript";

/**
 * A light lexer: finds string literals and comments so rules can look at code only ("eval(" inside a
 * docstring is not a call) or at strings only (SQL text, secrets). The `code` view has the same length
 * and line breaks as the source, with comment and string contents blanked, so offsets and line numbers
 * carry over unchanged. Not a parser: good enough for pattern rules, never used to judge validity.
 */

export interface StringLiteral {
  /** offset of the literal's first character (prefix or quote) */
  start: number;
  /** offset just after the closing quote (or the line end, when unterminated) */
  end: number;
  /** raw text between the quotes */
  body: string;
  kind: "string" | "fstring" | "template";
  /** an f-string with {fields} or a template literal with ${...} */
  interpolated: boolean;
}

export interface ScannedSource {
  code: string;
  strings: StringLiteral[];
}

/** Shared state of one scan: the source, the code view being built, the literals found. */
export class Scan {
  readonly out: string[];
  readonly strings: StringLiteral[] = [];

  constructor(readonly text: string) {
    this.out = text.split("");
  }

  mask(from: number, to: number): void {
    for (let k = from; k < to && k < this.text.length; k++) if (this.text[k] !== "\n") this.out[k] = " ";
  }

  lineEnd(from: number): number {
    const end = this.text.indexOf("\n", from);
    return end === -1 ? this.text.length : end;
  }
}

export function scanSource(text: string, language: TargetLanguage): ScannedSource {
  const s = new Scan(text);
  try {
    if (language === "python") scanPython(s);
    else scanTypeScript(s);
  } catch (error) {
    // Absurd nesting can exhaust the stack; fall back to the unmasked text rather than fail the check.
    if (!(error instanceof RangeError)) throw error;
    return { code: text, strings: [] };
  }
  return { code: s.out.join(""), strings: s.strings };
}

import type { TargetLanguage } from "../specs/types";

/** One problem in a generated file, for the editor gutter and the run report. */
export interface Finding {
  /** 1-based */
  line: number;
  /** 1-based, when known */
  column?: number;
  severity: "error" | "warning";
  /** stable id, e.g. "syntax", "eval", "sql-string-building" */
  rule: string;
  message: string;
}

export interface ModuleToCheck {
  /** path inside the generated project, e.g. steps/validate_input.py (only its name is used) */
  path: string;
  language: TargetLanguage;
  content: string;
}

/** 1-based line/column of an offset; line starts computed once per file. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.starts.push(i + 1);
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

import type { TargetLanguage } from "../specs/types";
import type { ScannedSource, StringLiteral } from "./source-scan";
import { LineIndex, type Finding } from "./types";

/**
 * SQL built from strings: a literal that holds SQL and is interpolated (f-string, template literal)
 * or glued to something else (+, +=, Python's % operator and .format()). Parameterised queries
 * (`execute("... WHERE id = %s", (x,))`) pass: the literal is followed by a comma, not an operator.
 */

/** Upper-case keywords, or lower-case ones in SQL shape, so prose like "select a file" does not count. */
const SQL_UPPER = /\b(?:SELECT|INSERT|UPDATE|DELETE)\b/;
const SQL_SHAPE = /\bselect\b[\s\S]*\bfrom\b|\binsert\s+into\b|\bupdate\s+[\w."`[\]]+\s+set\b|\bdelete\s+from\b/i;

function isSql(body: string): boolean {
  return SQL_UPPER.test(body) || SQL_SHAPE.test(body);
}

/** Next / previous character of real code around a literal (the code view has strings blanked). */
function after(code: string, offset: number): string {
  return code.slice(offset, offset + 200).replace(/^\s+/, "");
}

function before(code: string, offset: number): string {
  return code.slice(Math.max(0, offset - 200), offset).replace(/\s+$/, "");
}

function isConcatenated(lit: StringLiteral, code: string, language: TargetLanguage): boolean {
  const next = after(code, lit.end);
  const prev = before(code, lit.start);
  // `+` joining the literal to a non-literal (two literals joined are still a constant).
  if (/^\+(?!=)\s*[^\s"'`]/.test(next) && !/^\+\s*[rbufRBUF]{0,2}["'`]/.test(next)) return true;
  if (/\+=?$/.test(prev) && !/["'`]\s*\+$/.test(prev)) return true;
  if (language === "python" && (/^%(?!=)/.test(next) || /^\.format\s*\(/.test(next))) return true;
  return false;
}

export function findSqlBuilding(scan: ScannedSource, index: LineIndex, language: TargetLanguage): Finding[] {
  const findings: Finding[] = [];
  for (const lit of scan.strings) {
    if (!isSql(lit.body)) continue;
    const how = lit.interpolated
      ? lit.kind === "template"
        ? "a template literal"
        : "an f-string"
      : isConcatenated(lit, scan.code, language)
        ? "string concatenation/formatting"
        : null;
    if (!how) continue;
    const { line, column } = index.at(lit.start);
    findings.push({
      line,
      column,
      severity: "error",
      rule: "sql-string-building",
      message: `SQL built with ${how} allows SQL injection: pass values as query parameters instead.`,
    });
  }
  return findings;
}

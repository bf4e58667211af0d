/** Building, positioning and ordering `SpecDiagnostic`s. */
import { LineCounter } from "yaml";
import type { DiagnosticSeverity, SpecDiagnostic } from "../types";
import type { PathSegment, Span } from "./ast";

/** Formats a path the way users read it: `workflow.steps[2].depends_on[0]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** A LineCounter for text the yaml parser never saw (e.g. rejected before parsing). */
export function lineCounterFor(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) counter.addNewLine(i + 1);
  return counter;
}

/** 1-based line/column of a UTF-16 offset. */
export function positionAt(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  // linePos reports line 0 when no line start was registered yet (e.g. empty input).
  return line === 0 ? { line: 1, column: offset + 1 } : { line, column: col };
}

/** Creates a diagnostic covering `span`. */
export function makeDiagnostic(
  lines: LineCounter,
  span: Span,
  severity: DiagnosticSeverity,
  message: string,
  path: readonly PathSegment[] | string,
): SpecDiagnostic {
  const start = positionAt(lines, span.start);
  const end = positionAt(lines, Math.max(span.start, span.end));
  return {
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity,
    message,
    path: typeof path === "string" ? path : formatPath(path),
  };
}

/** Sorts by position (errors first on ties) and drops exact duplicates. */
export function finalizeDiagnostics(list: readonly SpecDiagnostic[]): SpecDiagnostic[] {
  const seen = new Set<string>();
  const unique = list.filter((d) => {
    const key = `${d.line}:${d.column}:${d.severity}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const rank = (d: SpecDiagnostic) => (d.severity === "error" ? 0 : 1);
  return unique.sort((a, b) => a.line - b.line || a.column - b.column || rank(a) - rank(b));
}

/** Whether any diagnostic is an error. */
export function hasErrors(list: readonly SpecDiagnostic[]): boolean {
  return list.some((d) => d.severity === "error");
}

/** Renders a value for a message: short, back-ticked, one line. */
export function quote(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  const oneLine = text.replace(/\s+/g, " ");
  return `\`${oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine}\``;
}

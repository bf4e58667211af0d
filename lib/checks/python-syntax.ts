import { basename } from "node:path";
import { PythonChecker, type CompileResult } from "./python-checker";
import type { Finding } from "./types";

/**
 * Python syntax through the language's own compiler: compile() in one long-lived python3 per process
 * (python-checker.ts). The source is compiled, never run.
 */

const g = globalThis as unknown as { __studioPythonChecker?: PythonChecker };
/** One checker per process (kept across dev-server module reloads, so reloads do not leave children behind). */
const checker = (): PythonChecker => (g.__studioPythonChecker ??= new PythonChecker());

let available: Promise<boolean> | undefined;

/** Looked up once per process: whether python3 can be started at all (it also warms the checker up). */
export function pythonAvailable(): Promise<boolean> {
  available ??= checker()
    .check("probe.py", "")
    .then((r) => r.unchecked === null);
  return available;
}

/** Findings from compile()'s answer: its error at its line and column, and its SyntaxWarnings. */
export function compileFindings(result: CompileResult, content: string): Finding[] {
  if (result.unchecked) return [{ line: 1, severity: "warning", rule: "syntax-unchecked", message: `Syntax was not checked: ${result.unchecked}.` }];
  const findings: Finding[] = result.warnings.map((w) => ({ line: Math.max(1, w.line), severity: "warning", rule: "syntax", message: `${w.category}: ${w.message}` }));
  const e = result.error;
  if (!e) return findings;
  // Python (before 3.12) rejects a NUL byte without a position: point at the line holding the first one.
  const nul = content.indexOf("\0");
  const line = e.line ?? (nul >= 0 ? content.slice(0, nul).split("\n").length : 1);
  findings.push({ line: Math.max(1, line), ...(e.line && e.column ? { column: Math.max(1, e.column) } : {}), severity: "error", rule: "syntax", message: `${e.type}: ${e.message}` });
  return findings;
}

export async function checkPythonSyntax(path: string, content: string): Promise<Finding[]> {
  const name = /^[\w.-]+\.py$/.test(basename(path)) ? basename(path) : "module.py";
  return compileFindings(await checker().check(name, content), content);
}

import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Finding } from "./types";

/**
 * Python syntax via `python3 -m py_compile`: it compiles to bytecode and never runs the module. The
 * copy lives in a fresh temp folder, and `-I` (isolated mode) keeps that folder and the PYTHON* env
 * variables off sys.path, so a generated file named like a stdlib module cannot be imported by Python.
 * `-S` skips site-packages: nothing from the server's Python environment is loaded, and startup is faster.
 */

export const PYTHON_TIMEOUT_MS = 10_000;
const PYTHON = "python3";

interface RunResult {
  code: number | null;
  stderr: string;
  timedOut: boolean;
  missing: boolean;
}

/** A minimal environment: the server's secrets have no business in a compiler process. */
const CHILD_ENV = { PATH: process.env.PATH ?? "", LC_ALL: "C.UTF-8" } as unknown as NodeJS.ProcessEnv;

function run(args: string[], cwd?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      args,
      { cwd, timeout: PYTHON_TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer: 1024 * 1024, env: CHILD_ENV },
      (error, _stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
        resolve({
          code: err ? (typeof err.code === "number" ? err.code : null) : 0,
          stderr: String(stderr),
          timedOut: Boolean(err?.killed),
          missing: err?.code === "ENOENT",
        });
      },
    );
  });
}

let available: Promise<boolean> | undefined;

/** Looked up once per process: whether python3 can be started at all. */
export function pythonAvailable(): Promise<boolean> {
  available ??= run(["--version"]).then((r) => !r.missing && r.code === 0);
  return available;
}

/** Column from the caret line: Python prints the offending line stripped of its indent, re-indented. */
function caretColumn(stderr: string, sourceLine: string | undefined): number | undefined {
  const m = /\n( *)(\S.*)\n( *)\^+/.exec(stderr);
  if (!m || sourceLine === undefined) return undefined;
  const shown = m[1].length;
  const indent = sourceLine.length - sourceLine.trimStart().length;
  return Math.max(1, m[3].length - shown + indent + 1);
}

/** Findings from py_compile's stderr ("File ..., line N" / "(file, line N)" forms, plus SyntaxWarnings). */
export function parsePyCompileOutput(stderr: string, content: string, failed: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const w of stderr.matchAll(/^.*?:(\d+): (SyntaxWarning|DeprecationWarning): (.*)$/gm)) {
    findings.push({ line: Number(w[1]), severity: "warning", rule: "syntax", message: `${w[2]}: ${w[3]}` });
  }
  if (!failed) return findings;
  const lineMatch = /line (\d+)/.exec(stderr);
  const messages = [...stderr.matchAll(/(\w*Error): (.+?)(?: \([^()]*, line \d+\))?$/gm)];
  const last = messages.at(-1);
  const message = last ? `${last[1]}: ${last[2]}` : stderr.trim() || "py_compile failed";
  let line = lineMatch ? Number(lineMatch[1]) : 1;
  if (!lineMatch && content.includes("\0")) line = content.slice(0, content.indexOf("\0")).split("\n").length;
  const column = lineMatch ? caretColumn(stderr, content.split("\n")[line - 1]) : undefined;
  findings.push({ line, ...(column ? { column } : {}), severity: "error", rule: "syntax", message });
  return findings;
}

export async function checkPythonSyntax(path: string, content: string): Promise<Finding[]> {
  if (!(await pythonAvailable())) {
    return [{ line: 1, severity: "warning", rule: "syntax-unchecked", message: "python3 is not installed on the server; syntax was not checked." }];
  }
  const name = /^[\w.-]+\.py$/.test(basename(path)) ? basename(path) : "module.py";
  const dir = await mkdtemp(join(tmpdir(), "spec-studio-check-"));
  try {
    await writeFile(join(dir, name), content, "utf8");
    const result = await run(["-I", "-S", "-m", "py_compile", name], dir);
    if (result.timedOut) {
      return [{ line: 1, severity: "warning", rule: "syntax-unchecked", message: `py_compile did not finish within ${PYTHON_TIMEOUT_MS} ms.` }];
    }
    return parsePyCompileOutput(result.stderr, content, result.code !== 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

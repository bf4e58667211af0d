import type { TargetLanguage } from "../specs/types";
import { findSecrets } from "./secret-rule";
import { scanSource, type ScannedSource } from "./source-scan";
import { findSqlBuilding } from "./sql-rule";
import { LineIndex, type Finding } from "./types";

/**
 * Risky patterns in generated code, found by reading it, never by running it. Call-like rules look at
 * the code view (strings and comments blanked), so a docstring quoting "os.system(" is not a finding.
 */

interface CallRule {
  rule: string;
  severity: Finding["severity"];
  re: RegExp;
  message: string;
}

const PYTHON_RULES: CallRule[] = [
  { rule: "eval", severity: "error", re: /(?<![.\w])eval\s*\(/g, message: "eval() runs arbitrary code; parse the data instead (json, ast.literal_eval)." },
  { rule: "exec", severity: "error", re: /(?<![.\w])exec\s*\(/g, message: "exec() runs arbitrary code." },
  { rule: "os-system", severity: "error", re: /\bos\s*\.\s*(?:system|popen)\s*\(/g, message: "os.system/os.popen run a shell command; use subprocess.run([...]) with an argument list." },
  { rule: "shell-true", severity: "error", re: /\bshell\s*=\s*True\b/g, message: "shell=True lets input become shell syntax; pass an argument list without a shell." },
  { rule: "pickle-loads", severity: "warning", re: /\b(?:c?[Pp]ickle|_pickle|dill)\s*\.\s*loads?\s*\(/g, message: "Unpickling runs code from the data; never unpickle untrusted input (use json)." },
  { rule: "yaml-unsafe-load", severity: "warning", re: /\byaml\s*\.\s*unsafe_load(?:_all)?\s*\(/g, message: "yaml.unsafe_load can build arbitrary objects; use yaml.safe_load." },
];

const TS_RULES: CallRule[] = [
  { rule: "eval", severity: "error", re: /(?<![.\w$])eval\s*\(/g, message: "eval() runs arbitrary code; parse the data instead (JSON.parse)." },
  { rule: "eval", severity: "error", re: /\bnew\s+Function\s*\(/g, message: "new Function() compiles code from a string, like eval()." },
];

/** yaml.load / load_all without a safe Loader in its arguments. */
function yamlLoads(code: string): Array<{ offset: number }> {
  const hits: Array<{ offset: number }> = [];
  for (const m of code.matchAll(/\byaml\s*\.\s*load(?:_all)?\s*\(/g)) {
    let depth = 0;
    let j = m.index! + m[0].length - 1;
    for (; j < code.length; j++) {
      if (code[j] === "(") depth++;
      else if (code[j] === ")" && --depth === 0) break;
    }
    const args = code.slice(m.index! + m[0].length, j);
    if (!/\b(?:C?SafeLoader|BaseLoader)\b/.test(args)) hits.push({ offset: m.index! });
  }
  return hits;
}

/** exec/execSync from child_process; regex `.exec(` calls are left alone. */
function childProcessExec(text: string, scan: ScannedSource): Array<{ offset: number; severity: Finding["severity"]; message: string }> {
  const source = /["'](?:node:)?child_process["']/;
  if (!source.test(text)) return [];
  const bindings = ["child_process"];
  for (const m of text.matchAll(/import\s+(?:\*\s+as\s+)?(\w+)\s+from\s+["'](?:node:)?child_process["']|(?:const|let|var)\s+(\w+)\s*=\s*require\s*\(\s*["'](?:node:)?child_process["']/g)) {
    bindings.push(m[1] ?? m[2]);
  }
  const call = new RegExp(`(?:\\b(?:${bindings.join("|")})\\s*\\.\\s*|(?<![.\\w$]))(exec|execSync)\\s*\\(\\s*`, "g");
  const hits: Array<{ offset: number; severity: Finding["severity"]; message: string }> = [];
  for (const m of scan.code.matchAll(call)) {
    const argStart = m.index! + m[0].length;
    const literal = scan.strings.find((s) => s.start === argStart);
    const concatenated = literal && /^\s*\+/.test(scan.code.slice(literal.end, literal.end + 20));
    if ((literal?.interpolated ?? false) || concatenated) {
      hits.push({ offset: m.index!, severity: "error", message: `child_process.${m[1]} with a command built from a string runs it in a shell: use execFile/spawn with an argument array.` });
    } else {
      hits.push({ offset: m.index!, severity: "warning", message: `child_process.${m[1]} runs its command in a shell; prefer execFile/spawn with an argument array.` });
    }
  }
  return hits;
}

export function findRiskyPatterns(content: string, language: TargetLanguage): Finding[] {
  const scan = scanSource(content, language);
  const index = new LineIndex(content);
  const findings: Finding[] = [];
  const at = (offset: number, rule: string, severity: Finding["severity"], message: string) =>
    findings.push({ ...index.at(offset), severity, rule, message });

  for (const r of language === "python" ? PYTHON_RULES : TS_RULES) {
    for (const m of scan.code.matchAll(r.re)) at(m.index!, r.rule, r.severity, r.message);
  }
  if (language === "python") {
    for (const hit of yamlLoads(scan.code)) {
      at(hit.offset, "yaml-unsafe-load", "warning", "yaml.load without SafeLoader can build arbitrary objects; use yaml.safe_load.");
    }
  } else {
    for (const hit of childProcessExec(content, scan)) at(hit.offset, "child-process-exec", hit.severity, hit.message);
  }
  findings.push(...findSqlBuilding(scan, index, language), ...findSecrets(content, index));
  return findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

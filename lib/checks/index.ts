import { checkPythonSyntax } from "./python-syntax";
import { findRiskyPatterns } from "./risky-patterns";
import type { Finding, ModuleToCheck } from "./types";
import { checkTypeScriptSyntax } from "./typescript-syntax";

/**
 * Checks on a generated module before anyone runs it: syntax (by the language's own compiler) and
 * risky patterns. Generated code is never executed here.
 */

export type { Finding, ModuleToCheck } from "./types";
export { findRiskyPatterns } from "./risky-patterns";
export { scanSource, type ScannedSource, type StringLiteral } from "./source-scan";
export { pythonAvailable, compileFindings } from "./python-syntax";
export { PythonChecker, type CompileResult } from "./python-checker";

export async function checkModule(module: ModuleToCheck): Promise<Finding[]> {
  const syntax =
    module.language === "python"
      ? await checkPythonSyntax(module.path, module.content)
      : await checkTypeScriptSyntax(module.path, module.content);
  const findings = [...syntax, ...findRiskyPatterns(module.content, module.language)];
  return findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.rule.localeCompare(b.rule));
}

import type { Finding } from "./types";

/**
 * TypeScript syntax from the compiler's own parser (transpileModule reports syntactic diagnostics
 * only; no type checking, no other files, nothing executed). `typescript` is a dev dependency and
 * big, so it is imported on first use; without it the file is reported as unchecked.
 */

type TS = typeof import("typescript");
let loaded: Promise<TS | null> | undefined;

function loadTypeScript(): Promise<TS | null> {
  loaded ??= import("typescript").then(
    (mod) => ((mod as unknown as { default?: TS }).default ?? mod) as TS,
    () => null,
  );
  return loaded;
}

export async function checkTypeScriptSyntax(path: string, content: string): Promise<Finding[]> {
  const ts = await loadTypeScript();
  if (!ts) {
    return [{ line: 1, severity: "warning", rule: "syntax-unchecked", message: "The typescript package is not installed; syntax was not checked." }];
  }
  const fileName = /\.(?:tsx|jsx)$/.test(path) ? "module.tsx" : "module.ts";
  const output = ts.transpileModule(content, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.Preserve },
  });
  return (output.diagnostics ?? [])
    .filter((d) => d.category === ts.DiagnosticCategory.Error || d.category === ts.DiagnosticCategory.Warning)
    .map((d): Finding => {
      const position = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return {
        line: position ? position.line + 1 : 1,
        ...(position ? { column: position.character + 1 } : {}),
        severity: d.category === ts.DiagnosticCategory.Error ? "error" : "warning",
        rule: "syntax",
        message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
      };
    });
}

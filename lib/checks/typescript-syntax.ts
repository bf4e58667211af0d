import type { Finding } from "./types";

/**
 * TypeScript syntax from the compiler's own parser: a one-file program's syntactic diagnostics (what transpileModule
 * reports, without its transform and emit, which cost more than the parse; no type checking, no other files, nothing
 * executed). `typescript` is a dev dependency and
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
  return syntaxDiagnostics(ts, fileName, content)
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

/** A program over this one file only (no lib, no imports resolved), asked for its syntactic diagnostics. */
function syntaxDiagnostics(ts: TS, fileName: string, content: string): readonly import("typescript").Diagnostic[] {
  const options = { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.Preserve, noLib: true, noResolve: true, types: [] };
  const sourceFile = ts.createSourceFile(fileName, content, ts.ScriptTarget.ESNext, false);
  const host: import("typescript").CompilerHost = {
    getSourceFile: (name) => (name === fileName ? sourceFile : undefined),
    getDefaultLibFileName: () => "lib.d.ts",
    writeFile: () => undefined,
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (name) => name === fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({ rootNames: [fileName], options, host });
  return program.getSyntacticDiagnostics(sourceFile);
}

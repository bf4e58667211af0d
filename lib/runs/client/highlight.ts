/** One run of text with the highlight classes of its syntax (classHighlighter: "tok-keyword", "tok-string"…). */
export interface HighlightToken {
  text: string;
  cls: string;
}

/**
 * Syntax-highlight generated code with the same Lezer grammars the editor uses, loaded on demand so the run page
 * does not pay for them until code is shown. Returns null for a language it does not know.
 */
export async function highlightCode(code: string, language: string): Promise<HighlightToken[] | null> {
  const lang = language.toLowerCase();
  const [{ highlightCode: walk, classHighlighter }, parser] = await Promise.all([
    import("@lezer/highlight"),
    lang === "python" || lang === "py"
      ? import("@codemirror/lang-python").then((m) => m.pythonLanguage.parser)
      : lang === "typescript" || lang === "ts" || lang === "javascript" || lang === "js"
        ? import("@codemirror/lang-javascript").then((m) => m.typescriptLanguage.parser)
        : Promise.resolve(null),
  ]);
  if (!parser) return null;
  const tokens: HighlightToken[] = [];
  walk(
    code,
    parser.parse(code),
    classHighlighter,
    (text, cls) => tokens.push({ text, cls }),
    () => tokens.push({ text: "\n", cls: "" }),
  );
  return tokens;
}

/** The language of a generated file, from its path. */
export function languageOfPath(path: string, fallback = ""): string {
  if (/\.py$/i.test(path)) return "python";
  if (/\.(ts|tsx|mts|cts)$/i.test(path)) return "typescript";
  if (/\.(js|mjs|cjs|jsx)$/i.test(path)) return "javascript";
  return fallback;
}

/** One run of text with its highlight classes (classHighlighter: "tok-keyword", "tok-string"…). */
export interface Token {
  text: string;
  cls: string;
}

/** The grammar for a generated file's language, loaded on demand; null when there is none. */
async function parserFor(language: string) {
  const lang = language.toLowerCase();
  if (lang === "python" || lang === "py") return (await import("@codemirror/lang-python")).pythonLanguage.parser;
  if (lang === "typescript" || lang === "ts") return (await import("@codemirror/lang-javascript")).typescriptLanguage.parser;
  if (lang === "javascript" || lang === "js") return (await import("@codemirror/lang-javascript")).javascriptLanguage.parser;
  return null;
}

/**
 * Syntax-highlight code with the editor's Lezer grammars, split into lines (so each line can carry its number,
 * findings and threads). Null for a language without a grammar.
 */
export async function highlightLines(code: string, language: string): Promise<Token[][] | null> {
  const [parser, { highlightCode, classHighlighter }] = await Promise.all([parserFor(language), import("@lezer/highlight")]);
  if (!parser) return null;
  const lines: Token[][] = [[]];
  highlightCode(
    code,
    parser.parse(code),
    classHighlighter,
    (text, cls) => lines[lines.length - 1].push({ text, cls }),
    () => lines.push([]),
  );
  return lines;
}

/** The language of a generated file, from its path. */
export function languageOfPath(path: string, fallback = ""): string {
  if (/\.py$/i.test(path)) return "python";
  if (/\.(ts|tsx|mts|cts)$/i.test(path)) return "typescript";
  if (/\.(js|mjs|cjs|jsx)$/i.test(path)) return "javascript";
  return fallback;
}

/** Colours for classHighlighter's token classes, light and dark (Tailwind arbitrary variants on the container). */
export const TOKEN_COLOURS = [
  "[&_.tok-keyword]:text-violet-700 dark:[&_.tok-keyword]:text-violet-300",
  "[&_.tok-controlKeyword]:text-violet-700 dark:[&_.tok-controlKeyword]:text-violet-300",
  "[&_.tok-string]:text-emerald-700 dark:[&_.tok-string]:text-emerald-300",
  "[&_.tok-string2]:text-emerald-700 dark:[&_.tok-string2]:text-emerald-300",
  "[&_.tok-comment]:text-muted-foreground [&_.tok-comment]:italic",
  "[&_.tok-number]:text-amber-700 dark:[&_.tok-number]:text-amber-300",
  "[&_.tok-bool]:text-amber-700 dark:[&_.tok-bool]:text-amber-300",
  "[&_.tok-atom]:text-amber-700 dark:[&_.tok-atom]:text-amber-300",
  "[&_.tok-typeName]:text-sky-700 dark:[&_.tok-typeName]:text-sky-300",
  "[&_.tok-className]:text-sky-700 dark:[&_.tok-className]:text-sky-300",
  "[&_.tok-definition]:text-blue-700 dark:[&_.tok-definition]:text-blue-300",
  "[&_.tok-propertyName]:text-cyan-800 dark:[&_.tok-propertyName]:text-cyan-300",
  "[&_.tok-meta]:text-rose-700 dark:[&_.tok-meta]:text-rose-300",
].join(" ");

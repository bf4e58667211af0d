import { highlightLines, languageOfPath, type Token } from "@/lib/review/client/highlight";

export { languageOfPath };

/** One run of text with the highlight classes of its syntax (classHighlighter: "tok-keyword", "tok-string"…). */
export type HighlightToken = Token;

/**
 * Generated code highlighted as one run of tokens, lines separated by "\n" tokens (the run page's code view follows
 * a growing file, so it wants the text flat). Null for a language without a grammar. The grammars are the review's
 * (lib/review/client/highlight.ts), loaded on demand.
 */
export async function highlightCode(code: string, language: string): Promise<HighlightToken[] | null> {
  const lines = await highlightLines(code, language);
  if (!lines) return null;
  return lines.flatMap((line, i) => (i === 0 ? line : [{ text: "\n", cls: "" }, ...line]));
}

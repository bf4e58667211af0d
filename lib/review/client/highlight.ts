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

/** Text as HTML element content: the code is generated, so nothing in it may become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/** One line's tokens as HTML: a span per classed token, no element for plain runs. */
export function tokensToHtml(tokens: Token[]): string {
  let html = "";
  for (const t of tokens) html += t.cls ? `<span class="${escapeHtml(t.cls)}">${escapeHtml(t.text)}</span>` : escapeHtml(t.text);
  return html;
}

/**
 * A file's lines highlighted as HTML, one string per line (a line's number, findings and threads go around it).
 * A code view with hundreds of lines then costs one element per line rather than one per token, to render and to
 * hydrate. Null for a language without a grammar.
 */
export async function htmlLines(code: string, language: string): Promise<string[] | null> {
  const lines = await highlightLines(code, language);
  return lines ? lines.map(tokensToHtml) : null;
}

/** htmlLines, remembered by language and content (in the browser: files come back as a reviewer goes back and forth). */
export async function highlightHtmlLines(code: string, language: string): Promise<string[] | null> {
  const key = cacheKey(code, language);
  const hit = htmlCache.get(key);
  if (hit) return hit.html;
  const html = await htmlLines(code, language);
  remember(key, html);
  return html;
}

/** The highlighted lines if highlightHtmlLines already has them (undefined if not): a view can show them at once. */
export function cachedHtmlLines(code: string, language: string): string[] | null | undefined {
  return htmlCache.get(cacheKey(code, language))?.html;
}

// Bounded by the text it holds (files can be large), oldest first out.
const CACHE_CHARS = 8_000_000;
const htmlCache = new Map<string, { html: string[] | null; size: number }>();
let cachedChars = 0;
const cacheKey = (code: string, language: string) => `${language}\u0000${code}`;
function remember(key: string, html: string[] | null) {
  const size = key.length + (html?.reduce((n, l) => n + l.length, 0) ?? 0);
  if (size > CACHE_CHARS / 4 || htmlCache.has(key)) return;
  htmlCache.set(key, { html, size });
  cachedChars += size;
  for (const [k, v] of htmlCache) {
    if (cachedChars <= CACHE_CHARS) break;
    htmlCache.delete(k);
    cachedChars -= v.size;
  }
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

/**
 * Turning raw text into a YAML document, with every way that can fail reported as a
 * diagnostic: size, binary content, syntax, several documents, dangling aliases.
 * The text is only ever treated as data: no custom tags, no evaluation.
 */
import { LineCounter, isAlias } from "yaml";
import type { YAMLError } from "yaml";
import type { SpecDiagnostic } from "../types";
import { buildAliasIndex, spanOf, type SourceDoc } from "./ast";
import { pathAtOffset } from "./locate";
import { lineCounterFor, makeDiagnostic } from "./diagnostics";
import { MAX_NESTING_DEPTH, MAX_SPEC_BYTES } from "./limits";
import { parseYaml } from "./yaml-parse";

/** Result of loading: a document when the text is well-formed YAML, and what went wrong otherwise. */
export interface LoadResult {
  source?: SourceDoc;
  diagnostics: SpecDiagnostic[];
}

// C0 controls other than tab / LF / CR, plus DEL: YAML forbids them and they mean "not a text file".
const BINARY_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const SYNTAX_HINTS: Partial<Record<YAMLError["code"], string>> = {
  BAD_INDENT: "check the indentation: items of the same list or mapping must line up",
  BLOCK_AS_IMPLICIT_KEY: "check the indentation of this line against the lines above it",
  MULTILINE_IMPLICIT_KEY: "check the indentation, or add the missing `:` after the key",
  MISSING_CHAR: "add the missing character (closing quote or bracket, or `:` after a key)",
  DUPLICATE_KEY: "each key may appear once per mapping: remove or rename one of them",
  TAB_AS_INDENT: "indent with spaces, not tabs",
  NON_STRING_KEY: "keys must be plain text, e.g. `name:`; lists or mappings cannot be keys",
  RESOURCE_EXHAUSTION: "the document is nested too deeply to read; a spec needs only a few levels of nesting",
  BAD_DQ_ESCAPE: "fix the escape sequence, or use single quotes to write a backslash as-is",
};

/** UTF-8 size of `text` without allocating an encoded copy. */
export function utf8Length(text: string): number {
  return scanBytes(text, Infinity).bytes;
}

/** Counts UTF-8 bytes until more than `limit` are seen; `offset` is where that happened. */
function scanBytes(text: string, limit: number): { bytes: number; offset: number } {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const start = i;
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
    if (bytes > limit) return { bytes, offset: start };
  }
  return { bytes, offset: text.length };
}

/** Parses `text` into a single YAML document, or explains why it cannot be. */
export function loadSource(text: string): LoadResult {
  if (text.length > MAX_SPEC_BYTES || utf8Length(text) > MAX_SPEC_BYTES) return { diagnostics: [oversized(text)] };
  const binary = BINARY_CHAR.exec(text);
  if (binary) {
    const code = binary[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    const message = `the spec contains a binary control character (U+${code}); a spec must be plain UTF-8 text — remove the character, or check that a text file was uploaded`;
    return { diagnostics: [makeDiagnostic(lineCounterFor(text), { start: binary.index, end: binary.index + 1 }, "error", message, "")] };
  }

  const lineCounter = new LineCounter();
  const { docs, tooDeepAt } = parseYaml(text, lineCounter);
  if (tooDeepAt !== undefined) {
    const message = `the spec is nested more than ${MAX_NESTING_DEPTH} levels deep — a spec needs only a few levels of lists and mappings; flatten this part`;
    return { diagnostics: [makeDiagnostic(lineCounter, { start: tooDeepAt, end: tooDeepAt + 1 }, "error", message, "")] };
  }
  if (docs.length === 0) return { diagnostics: [] }; // empty text: the schema explains what is missing
  const [doc] = docs;
  const source: SourceDoc = { text, doc, lineCounter, aliases: buildAliasIndex(doc) };
  const diagnostics: SpecDiagnostic[] = [];
  const report = (error: YAMLError, severity: "error" | "warning") => {
    const span = { start: error.pos[0], end: error.pos[1] };
    const hint = SYNTAX_HINTS[error.code] ?? (severity === "error" ? "fix the YAML syntax here" : "the value is read as plain text");
    const message = `YAML ${severity === "error" ? "syntax error" : "warning"}: ${error.message} — ${hint}`;
    diagnostics.push(makeDiagnostic(lineCounter, span, severity, message, pathAtOffset(source, error.pos[0])));
  };
  // One mistake often trips several parser errors on the same line; the first is the useful one.
  const seenLines = new Set<number>();
  for (const error of doc.errors) {
    const line = lineCounter.linePos(error.pos[0]).line;
    if (!seenLines.has(line)) report(error, "error");
    seenLines.add(line);
  }
  doc.warnings.forEach((warning) => report(warning, "warning"));

  if (docs.length > 1) {
    const start = docs[1].range[0];
    const message = `the file contains ${docs.length} YAML documents, but a spec must be a single document — remove the \`---\` separator and everything after it, or move the extra document into its own spec`;
    diagnostics.push(makeDiagnostic(lineCounter, { start, end: Math.min(start + 3, text.length) }, "error", message, ""));
  }
  for (const [alias, target] of source.aliases) {
    if (target || !isAlias(alias)) continue;
    const message = `the alias \`*${alias.source}\` refers to no anchor defined before it — define \`&${alias.source}\` earlier in the file, or write the value out`;
    diagnostics.push(makeDiagnostic(lineCounter, spanOf(alias) ?? { start: 0, end: 0 }, "error", message, pathAtOffset(source, alias.range?.[0] ?? 0)));
  }
  return { source, diagnostics };
}

function oversized(text: string): SpecDiagnostic {
  // Point at where the limit is crossed: that is where the user has to start cutting.
  const { offset } = scanBytes(text, MAX_SPEC_BYTES);
  const size = utf8Length(text).toLocaleString("en-US");
  const message = `the spec is ${size} bytes, over the limit of ${MAX_SPEC_BYTES.toLocaleString("en-US")} bytes — split the workflow into several specs or shorten long descriptions`;
  return makeDiagnostic(lineCounterFor(text), { start: offset, end: text.length }, "error", message, "");
}

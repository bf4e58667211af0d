import type { TargetLanguage } from "../specs/types";

/**
 * The shape of one step's answer, shared by the prompt (which asks models for it), the offline scaffold
 * (which produces it) and the extractor (which reads it back): one fenced block holding the module,
 * then the test module, each introduced by a marker comment line naming its path. Comment lines keep
 * the block valid code even if a marker is left in by mistake.
 */

export type FileRole = "module" | "test";

const MARKER = /^[ \t]*(?:#|\/\/)[ \t]*===[ \t]*(module|test):[ \t]*(\S+)[ \t]*===[ \t]*$/gm;

export function fenceLanguage(language: TargetLanguage): string {
  return language === "python" ? "python" : "typescript";
}

export function fileMarker(language: TargetLanguage, role: FileRole, path: string): string {
  return `${language === "python" ? "#" : "//"} === ${role}: ${path} ===`;
}

/** A backtick fence longer than any backtick run in the content, so the content cannot close it. */
export function fenceFor(content: string): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(3, longest + 1));
}

export interface AnswerFile {
  path: string;
  content: string;
}

export function composeAnswer(language: TargetLanguage, module: AnswerFile, test: AnswerFile): string {
  const body = [
    fileMarker(language, "module", module.path),
    module.content.replace(/\n+$/, ""),
    "",
    fileMarker(language, "test", test.path),
    test.content.replace(/\n+$/, ""),
  ].join("\n");
  const fence = fenceFor(body);
  return `${fence}${fenceLanguage(language)}\n${body}\n${fence}\n`;
}

export interface SplitCode {
  module: string;
  /** "" when the answer had no test marker */
  test: string;
  /** paths named by the markers, when present */
  modulePath?: string;
  testPath?: string;
}

/** Splits extracted code at the markers; code without markers is all module. */
export function splitAnswerCode(code: string): SplitCode {
  const markers = [...code.matchAll(MARKER)];
  if (markers.length === 0) return { module: trimBlankLines(code), test: "" };
  const result: SplitCode = { module: "", test: "" };
  // Anything before the first marker belongs to the module (models sometimes omit the module marker).
  const preamble = code.slice(0, markers[0].index);
  markers.forEach((m, i) => {
    const start = m.index! + m[0].length;
    const end = i + 1 < markers.length ? markers[i + 1].index! : code.length;
    const role = m[1] as FileRole;
    const content = trimBlankLines(code.slice(start, end));
    if (role === "module") {
      result.module = result.module ? `${result.module}\n\n${content}` : content;
      result.modulePath ??= m[2];
    } else {
      result.test = result.test ? `${result.test}\n\n${content}` : content;
      result.testPath ??= m[2];
    }
  });
  if (preamble.trim()) result.module = trimBlankLines(`${preamble}\n${result.module}`);
  return result;
}

/** Drops leading/trailing blank lines, ends with exactly one newline (how files are stored). */
function trimBlankLines(text: string): string {
  const trimmed = text.replace(/^(?:[ \t]*\n)+/, "").replace(/\s+$/, "");
  return trimmed ? `${trimmed}\n` : "";
}

import type { TargetLanguage } from "../specs/types";
import { splitAnswerCode, type SplitCode } from "./answer-format";

/**
 * Reads the code out of a model answer. Models are told to reply with one fenced block, but some add
 * prose, split module and tests into two blocks, or get cut off before the closing fence; all of
 * those still yield usable code, and `fenced`/`truncated` say what happened.
 */

export interface ExtractedCode extends SplitCode {
  /** the code, markers included (module then test) */
  code: string;
  /** false when the answer had no fence and the whole text was taken */
  fenced: boolean;
  /** true when a fence was opened but never closed (the answer was probably cut off) */
  truncated: boolean;
}

interface Block {
  info: string;
  body: string;
  closed: boolean;
}

const LANGUAGE_TAGS: Record<TargetLanguage, string[]> = {
  python: ["python", "py", "python3"],
  typescript: ["typescript", "ts", "tsx"],
};

/** Fenced blocks, CommonMark style: a block closes only at a fence of the same character at least as long. */
function fencedBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let open: { fence: string; info: string; lines: string[] } | null = null;
  for (const line of text.split("\n")) {
    if (!open) {
      const m = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/.exec(line);
      if (m) open = { fence: m[1], info: m[2].toLowerCase(), lines: [] };
      continue;
    }
    const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
    if (close && close[1][0] === open.fence[0] && close[1].length >= open.fence.length) {
      blocks.push({ info: open.info, body: open.lines.join("\n"), closed: true });
      open = null;
    } else {
      open.lines.push(line);
    }
  }
  if (open) blocks.push({ info: open.info, body: open.lines.join("\n"), closed: false });
  return blocks;
}

const HAS_MARKER = /^[ \t]*(?:#|\/\/)[ \t]*===[ \t]*(?:module|test):/m;

export function extractCode(answer: string, language?: TargetLanguage): ExtractedCode {
  const text = answer.replace(/\r\n?/g, "\n");
  const blocks = fencedBlocks(text);
  if (blocks.length === 0) {
    const code = text.trim() ? `${text.trim()}\n` : "";
    return { code, fenced: false, truncated: false, ...splitAnswerCode(code) };
  }
  // Module and test in separate blocks: every block with a marker is part of the answer.
  let chosen = blocks.filter((b) => HAS_MARKER.test(b.body));
  if (chosen.length === 0) {
    const tags = language ? LANGUAGE_TAGS[language] : [];
    chosen = [blocks.find((b) => tags.includes(b.info)) ?? blocks[0]];
  }
  const code = `${chosen.map((b) => b.body.replace(/\s+$/, "")).join("\n\n")}\n`;
  return { code, fenced: true, truncated: chosen.some((b) => !b.closed), ...splitAnswerCode(code) };
}

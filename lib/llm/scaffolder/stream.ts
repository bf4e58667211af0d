import type { Spec } from "../../specs/types";
import { scaffoldAnswer, type GeneratedFile } from "./generate";

/**
 * The scaffolder as a streaming source: the same text, in line-sized chunks, so the UI, the job runner
 * and the benchmark can consume offline output exactly like model tokens.
 */

export interface ChunkOptions {
  /** pause before each chunk (0 = as fast as the consumer reads); lets demos look like a live model */
  delayMs?: number;
  signal?: AbortSignal;
}

/** Lines with their "\n" kept, so joining the chunks gives back the exact text. */
export function toLineChunks(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export async function* streamChunks(text: string, options: ChunkOptions = {}): AsyncGenerator<string> {
  for (const chunk of toLineChunks(text)) {
    if (options.delayMs) await sleep(options.delayMs, options.signal);
    if (options.signal?.aborted) throw abortError(options.signal);
    yield chunk;
  }
}

/** One step's answer (fenced module + test), streamed. */
export function streamScaffoldAnswer(spec: Spec, stepId: string, options: ChunkOptions = {}): AsyncGenerator<string> {
  return streamChunks(scaffoldAnswer(spec, stepId), options);
}

/** One generated file (e.g. the flow module), streamed. */
export function streamScaffoldFile(file: GeneratedFile, options: ChunkOptions = {}): AsyncGenerator<string> {
  return streamChunks(file.content, options);
}

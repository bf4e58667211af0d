import type { FinishReason, LanguageModel } from "ai";
import { classifyProviderError } from "./classify-error";
import { estimateTokens } from "./estimate";
import { ProviderError } from "./provider-error";
import { OFFLINE_PROVIDER_ID, offlineProviderOptions } from "./scaffolder";
import type { Spec } from "../specs/types";

/**
 * One model call for one step, streamed. Retries are NOT done here: the job queue owns retry policy and backoff,
 * using the classified ProviderError this throws.
 *
 * The call goes to the AI SDK provider's own stream (LanguageModel doStream), not through streamText: a step is one
 * text-only call with no tools, steps or output transforms, and streamText's orchestration of those cost about 2 ms
 * of CPU per call, three times the provider's parsing of the answer itself (measured against the fake model). The
 * provider packages still own every protocol: requests, SSE parsing, usage, and their errors.
 */

export const DEFAULT_STALL_TIMEOUT_MS = 60_000;

export interface StreamStepCompletionOptions {
  model: LanguageModel;
  /** a StepPrompt from buildStepPrompt, or any system/user pair */
  prompt: { system: string; user: string; spec?: Spec; stepId?: string };
  /** the caller's cancel; a cancelled call rethrows the signal's reason, it is not a provider failure */
  signal?: AbortSignal;
  /** every text delta, as it arrives */
  onChunk?: (text: string) => void;
  /** abort with kind "timeout" when no chunk arrives for this long (default 60 s) */
  timeoutMs?: number;
  /** allowance before the first chunk, for models that think before answering (default: timeoutMs) */
  firstChunkTimeoutMs?: number;
  maxOutputTokens?: number;
}

export interface StepCompletion {
  text: string;
  /** estimated (chars/4) when the provider did not report usage, or for the offline scaffold */
  usage: { inputTokens: number; outputTokens: number; estimated: boolean };
  finishReason: FinishReason;
  timeToFirstTokenMs: number;
  durationMs: number;
  rawResponse?: { id?: string; modelId?: string; headers?: Record<string, string> };
}

function isOffline(model: LanguageModel): boolean {
  return typeof model === "object" && model.provider === OFFLINE_PROVIDER_ID;
}

type Usage = { total: number | undefined } | number | undefined;

/** A part of a provider's stream, as far as a step reads it (specifications v3 and v4 agree on these fields). */
interface StreamPart {
  type: string;
  delta?: string;
  error?: unknown;
  id?: string;
  modelId?: string;
  finishReason?: { unified: string } | string;
  usage?: { inputTokens: Usage; outputTokens: Usage };
}

interface ProviderModel {
  doStream(options: Record<string, unknown>): PromiseLike<{ stream: ReadableStream<StreamPart>; response?: { headers?: Record<string, string> } }>;
}

const tokensOf = (u: Usage) => (typeof u === "object" ? u.total : u);
const finishReasonOf = (r: { unified: string } | string) => (typeof r === "string" ? r : r.unified) as FinishReason;

export async function streamStepCompletion(options: StreamStepCompletionOptions): Promise<StepCompletion> {
  const { model, prompt, signal, onChunk } = options;
  const stallMs = options.timeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  if (signal?.aborted) throw signal.reason;

  // Our own controller: aborted by the caller's signal or by the stall watchdog, and we know which.
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", forwardAbort, { once: true });
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new ProviderError("timeout", `no chunk from the model for ${ms} ms`));
    }, ms);
  };

  const started = performance.now();
  let firstTokenAt: number | undefined;
  let text = "";
  let streamError: unknown;
  let callbackError: unknown;
  let finish: { reason: FinishReason; input?: number; output?: number } | undefined;
  let rawResponse: StepCompletion["rawResponse"];

  arm(options.firstChunkTimeoutMs ?? stallMs);
  let reader: ReadableStreamDefaultReader<StreamPart> | undefined;
  try {
    if (typeof model !== "object") throw new ProviderError("bad_request", `unknown model "${model}"`, { retryable: false });
    const result = await (model as unknown as ProviderModel).doStream({
      prompt: [
        { role: "system", content: prompt.system },
        { role: "user", content: [{ type: "text", text: prompt.user }] },
      ],
      abortSignal: controller.signal,
      maxOutputTokens: options.maxOutputTokens,
      providerOptions: isOffline(model) && prompt.spec && prompt.stepId ? offlineProviderOptions(prompt.spec, prompt.stepId) : undefined,
    });
    const headers = result.response?.headers;
    reader = result.stream.getReader();
    for (;;) {
      const { done, value: part } = await reader.read();
      if (done) break;
      // "stream-start" is sent by the provider code before any byte of the answer: it proves nothing about a stall.
      if (part.type !== "stream-start") arm(stallMs);
      if (part.type === "text-delta") {
        const delta = part.delta;
        if (!delta) continue;
        firstTokenAt ??= performance.now();
        text += delta;
        try {
          onChunk?.(delta);
        } catch (error) {
          callbackError = error;
          break;
        }
      } else if (part.type === "error") {
        // Stop at the first error: after a malformed chunk the provider carries on and would report "stop".
        streamError = part.error;
        break;
      } else if (part.type === "response-metadata") {
        rawResponse = { ...rawResponse, id: part.id ?? rawResponse?.id, modelId: part.modelId ?? rawResponse?.modelId };
      } else if (part.type === "finish" && part.finishReason) {
        finish = { reason: finishReasonOf(part.finishReason), input: tokensOf(part.usage?.inputTokens), output: tokensOf(part.usage?.outputTokens) };
      }
    }
    if (headers) rawResponse = { ...rawResponse, headers };
  } catch (error) {
    streamError ??= error; // an HTTP error, or a socket cut mid-stream (thrown by the reader, not sent as a part)
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", forwardAbort);
    if (!finish) controller.abort(); // make sure the HTTP request is gone
    void reader?.cancel().catch(() => undefined);
  }

  const partialText = text || undefined;
  if (callbackError !== undefined) throw callbackError;
  if (timedOut) throw new ProviderError("timeout", `no chunk from the model for ${stallMs} ms`, { partialText });
  if (signal?.aborted) throw signal.reason;
  if (streamError !== undefined) throw classifyProviderError(streamError, { partialText });
  if (!finish || finish.reason === "interrupted") {
    throw new ProviderError("stream_cut", "the stream ended before the model finished", { partialText });
  }
  if (finish.reason === "error") throw new ProviderError("server_error", "the provider ended the answer with an error", { partialText });
  if (text.trim() === "") throw new ProviderError("empty", "the model returned an empty answer");

  const estimated = isOffline(model) || finish.input === undefined || finish.output === undefined;
  return {
    text,
    usage: {
      inputTokens: finish.input ?? estimateTokens(prompt.system) + estimateTokens(prompt.user),
      outputTokens: finish.output ?? estimateTokens(text),
      estimated,
    },
    finishReason: finish.reason,
    timeToFirstTokenMs: Math.round((firstTokenAt ?? started) - started),
    durationMs: Math.round(performance.now() - started),
    ...(rawResponse ? { rawResponse } : {}),
  };
}

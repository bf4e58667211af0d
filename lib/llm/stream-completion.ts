import { streamText, type FinishReason, type LanguageModel } from "ai";
import { classifyProviderError } from "./classify-error";
import { estimateTokens } from "./estimate";
import { ProviderError } from "./provider-error";
import { OFFLINE_PROVIDER_ID, offlineProviderOptions } from "./scaffolder";
import type { Spec } from "../specs/types";

/**
 * One model call for one step, streamed. Retries are NOT done here (maxRetries: 0): the job queue owns
 * retry policy and backoff, using the classified ProviderError this throws.
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
  try {
    const result = streamText({
      model,
      instructions: prompt.system,
      prompt: prompt.user,
      maxRetries: 0,
      abortSignal: controller.signal,
      maxOutputTokens: options.maxOutputTokens,
      providerOptions: isOffline(model) && prompt.spec && prompt.stepId ? offlineProviderOptions(prompt.spec, prompt.stepId) : undefined,
      onError: () => {}, // errors are read from the stream below; the default handler would only log them
    });
    for await (const part of result.fullStream) {
      // "start"/"start-step" come from the SDK itself, not the provider: they prove nothing about a stall.
      if (part.type !== "start" && part.type !== "start-step") arm(stallMs);
      if (part.type === "text-delta" && part.text) {
        firstTokenAt ??= performance.now();
        text += part.text;
        try {
          onChunk?.(part.text);
        } catch (error) {
          callbackError = error;
          break;
        }
      } else if (part.type === "error") {
        // Stop at the first error: after a malformed chunk the SDK carries on and would report "stop".
        streamError = part.error;
        break;
      } else if (part.type === "finish-step") {
        const { id, modelId, headers } = part.response;
        rawResponse = { id, modelId, headers };
      } else if (part.type === "finish") {
        finish = { reason: part.finishReason, input: part.totalUsage.inputTokens, output: part.totalUsage.outputTokens };
      }
    }
  } catch (error) {
    streamError ??= error; // a socket cut mid-stream is thrown by the iterator, not sent as a part
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", forwardAbort);
    if (!finish) controller.abort(); // make sure the HTTP request is gone
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

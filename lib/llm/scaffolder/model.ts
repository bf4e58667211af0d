import type { LanguageModel } from "ai";
import type { Spec } from "../../specs/types";
import { ProviderError } from "../provider-error";
import {
  OFFLINE_MODEL_ID,
  OFFLINE_PROVIDER_ID,
  OFFLINE_PROVIDER_OPTIONS_KEY,
  SCAFFOLDER_LABEL,
} from "./constants";
import { scaffoldAnswer } from "./generate";
import { streamChunks } from "./stream";

/**
 * The scaffolder behind the AI SDK language-model interface, so generation runs through one code path
 * (`streamText`) whether a real model or the offline scaffold answers.
 *
 * ai v7 drives models through specification "v4" (its own @ai-sdk/provider 4.x, nested under
 * node_modules/ai). That package is not a direct dependency of ours, so the types are taken from
 * what `ai` itself accepts instead of importing @ai-sdk/provider (the top-level copy is 3.x).
 */
export type LanguageModelV4 = Extract<LanguageModel, { specificationVersion: "v4" }>;
type CallOptions = Parameters<LanguageModelV4["doStream"]>[0];
type StreamResult = Awaited<ReturnType<LanguageModelV4["doStream"]>>;
type StreamPart = StreamResult["stream"] extends ReadableStream<infer P> ? P : never;
type GenerateResult = Awaited<ReturnType<LanguageModelV4["doGenerate"]>>;
export type ProviderOptionsValue = NonNullable<CallOptions["providerOptions"]>[string];

export interface OfflineModelOptions {
  /** pause between streamed lines; 0 by default (tests and the benchmark want speed) */
  chunkDelayMs?: number;
}

/** providerOptions telling the offline model which step to write. */
export function offlineProviderOptions(spec: Spec, stepId: string): Record<string, ProviderOptionsValue> {
  // Spec is plain JSON data; the cast only bridges the missing index signature of the interfaces.
  return { [OFFLINE_PROVIDER_OPTIONS_KEY]: { spec, stepId } as unknown as ProviderOptionsValue };
}

function requestOf(options: CallOptions): { spec: Spec; stepId: string } {
  const raw = options.providerOptions?.[OFFLINE_PROVIDER_OPTIONS_KEY] as { spec?: Spec; stepId?: unknown } | undefined;
  const spec = raw?.spec;
  if (!spec || !Array.isArray(spec.steps) || typeof raw?.stepId !== "string") {
    throw new ProviderError(
      "bad_request",
      `The ${SCAFFOLDER_LABEL} writes code from the spec itself: pass providerOptions.${OFFLINE_PROVIDER_OPTIONS_KEY} = { spec, stepId } (see offlineProviderOptions).`,
    );
  }
  if (!spec.steps.some((s) => s.id === raw.stepId)) {
    throw new ProviderError("bad_request", `unknown step "${raw.stepId}" in spec "${spec.name}"`);
  }
  return { spec, stepId: raw.stepId };
}

/** chars/4 of the prompt text, the same heuristic as the run estimate; the numbers are marked estimated. */
function promptChars(options: CallOptions): number {
  let chars = 0;
  for (const message of options.prompt) {
    if (typeof message.content === "string") chars += message.content.length;
    else for (const part of message.content) if (part.type === "text") chars += part.text.length;
  }
  return chars;
}

function usageFor(options: CallOptions, text: string): GenerateResult["usage"] {
  const input = Math.ceil(promptChars(options) / 4);
  const output = Math.ceil(text.length / 4);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}

const FINISH = { unified: "stop", raw: "stop" } as const;
const METADATA = { [OFFLINE_PROVIDER_OPTIONS_KEY]: { label: SCAFFOLDER_LABEL, estimatedUsage: true } };

export function createOfflineModel(settings: OfflineModelOptions = {}): LanguageModelV4 {
  return {
    specificationVersion: "v4",
    provider: OFFLINE_PROVIDER_ID,
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},

    async doGenerate(options) {
      const { spec, stepId } = requestOf(options);
      const text = scaffoldAnswer(spec, stepId);
      return {
        content: [{ type: "text", text }],
        finishReason: FINISH,
        usage: usageFor(options, text),
        providerMetadata: METADATA,
        response: { id: `offline-${stepId}`, modelId: OFFLINE_MODEL_ID, timestamp: new Date() },
        warnings: [],
      };
    },

    async doStream(options) {
      const { spec, stepId } = requestOf(options);
      const text = scaffoldAnswer(spec, stepId);
      const chunks = streamChunks(text, { delayMs: settings.chunkDelayMs, signal: options.abortSignal });
      const stream = new ReadableStream<StreamPart>({
        start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] });
          controller.enqueue({ type: "response-metadata", id: `offline-${stepId}`, modelId: OFFLINE_MODEL_ID });
          controller.enqueue({ type: "text-start", id: "0" });
        },
        async pull(controller) {
          try {
            const next = await chunks.next();
            if (!next.done) return controller.enqueue({ type: "text-delta", id: "0", delta: next.value });
            controller.enqueue({ type: "text-end", id: "0" });
            controller.enqueue({ type: "finish", finishReason: FINISH, usage: usageFor(options, text), providerMetadata: METADATA });
            controller.close();
          } catch (error) {
            controller.error(error); // aborted while waiting between chunks
          }
        },
        async cancel() {
          await chunks.return(undefined);
        },
      });
      return { stream };
    },
  };
}

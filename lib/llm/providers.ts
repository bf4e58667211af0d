import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { createOfflineModel } from "./scaffolder";

/**
 * Turns a workspace's provider settings into an AI SDK model. Only the config decides where requests go:
 * base URLs get explicit defaults so an OPENAI_BASE_URL / ANTHROPIC_BASE_URL in the server's environment
 * cannot silently redirect a workspace's traffic (the SDKs read those when baseURL is undefined).
 */
export type ProviderConfig =
  | { kind: "offline" }
  | { kind: "openai"; apiKey: string; baseURL?: string; model: string }
  | { kind: "anthropic"; apiKey: string; baseURL?: string; model: string }
  | { kind: "openai-compatible"; baseURL: string; apiKey?: string; model: string; name?: string };

export const DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";
export const DEFAULT_ANTHROPIC_BASE_URL = "https://api.anthropic.com/v1";

export function createModel(config: ProviderConfig): LanguageModel {
  switch (config.kind) {
    case "offline":
      return createOfflineModel();
    case "openai":
      // .chat(): the Chat Completions API. The default openai(model) uses the Responses API, which
      // OpenAI-compatible gateways and proxies usually do not implement.
      return createOpenAI({ apiKey: config.apiKey, baseURL: config.baseURL ?? DEFAULT_OPENAI_BASE_URL }).chat(config.model);
    case "anthropic":
      return createAnthropic({ apiKey: config.apiKey, baseURL: config.baseURL ?? DEFAULT_ANTHROPIC_BASE_URL })(config.model);
    case "openai-compatible":
      return createOpenAICompatible({
        name: config.name ?? "openai-compatible",
        baseURL: config.baseURL,
        apiKey: config.apiKey,
        // Without this the server is not asked for usage and every run's token count would be a guess.
        includeUsage: true,
      }).chatModel(config.model);
  }
}

export { streamStepCompletion, DEFAULT_STALL_TIMEOUT_MS, type StepCompletion, type StreamStepCompletionOptions } from "./stream-completion";
export { ProviderError, RETRYABLE_BY_KIND, type ProviderErrorKind } from "./provider-error";
export { classifyProviderError, retryAfterMs } from "./classify-error";

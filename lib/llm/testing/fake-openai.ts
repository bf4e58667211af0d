import { sse, type FakeProtocol, type FakeUsage, type ResponseContext } from "./fake-behaviours";

/**
 * OpenAI chat-completions wire format (also what OpenAI-compatible servers speak). Field names follow
 * the real API so the real @ai-sdk/openai and @ai-sdk/openai-compatible parsers accept them.
 */

function chunk(ctx: ResponseContext, choices: unknown[], extra: Record<string, unknown> = {}) {
  return {
    id: ctx.id,
    object: "chat.completion.chunk",
    created: ctx.created,
    model: ctx.model,
    system_fingerprint: "fp_fake",
    choices,
    ...extra,
  };
}

function usageOf(usage: FakeUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_api_key",
  403: "permission_denied",
  404: "not_found",
  429: "rate_limit_exceeded",
};

export function openAIProtocol(includeUsage: () => boolean): FakeProtocol {
  return {
    // The real API opens with a role-only delta whose content is "".
    open: (ctx) => [sse(chunk(ctx, [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]))],
    delta: (ctx, text) => sse(chunk(ctx, [{ index: 0, delta: { content: text }, finish_reason: null }])),
    close(ctx, usage, finishReason = "stop") {
      const frames = [sse(chunk(ctx, [{ index: 0, delta: {}, finish_reason: finishReason }]))];
      // Usage comes in its own chunk with empty choices, only when the client asked via stream_options.
      if (includeUsage()) frames.push(sse(chunk(ctx, [], { usage: usageOf(usage) })));
      frames.push(sse("[DONE]"));
      return frames;
    },
    malformed: () => sse('{"id":"chatcmpl-broken","choices":[{"delta":{"content":"oops"'),
    complete: (ctx, text, usage, finishReason = "stop") => ({
      id: ctx.id,
      object: "chat.completion",
      created: ctx.created,
      model: ctx.model,
      choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: finishReason }],
      usage: usageOf(usage),
    }),
    errorBody: (status, message) => ({
      error: { message, type: ERROR_TYPES[status] ?? "server_error", param: null, code: null },
    }),
    models: () => ({
      object: "list",
      data: [
        { id: "fake-model", object: "model", created: 0, owned_by: "fake-provider" },
        { id: "fake-model-large", object: "model", created: 0, owned_by: "fake-provider" },
      ],
    }),
  };
}

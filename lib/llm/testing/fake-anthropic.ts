import { sse, type FakeProtocol, type ResponseContext } from "./fake-behaviours";

/**
 * Anthropic Messages wire format: named SSE events (message_start, content_block_*, message_delta,
 * message_stop). Input tokens arrive in message_start, output tokens in message_delta, as in the real API.
 */

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  529: "overloaded_error",
};

function messageStart(ctx: ResponseContext) {
  return {
    type: "message_start",
    message: {
      id: ctx.id,
      type: "message",
      role: "assistant",
      model: ctx.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: ctx.inputTokens, output_tokens: 1 },
    },
  };
}

export function anthropicProtocol(): FakeProtocol {
  return {
    open: (ctx) => [
      sse(messageStart(ctx), "message_start"),
      sse({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }, "content_block_start"),
      // The real API sends pings; clients must ignore them.
      sse({ type: "ping" }, "ping"),
    ],
    delta: (_ctx, text) =>
      sse({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }, "content_block_delta"),
    close: (_ctx, usage, finishReason = "end_turn") => [
      sse({ type: "content_block_stop", index: 0 }, "content_block_stop"),
      sse(
        {
          type: "message_delta",
          delta: { stop_reason: finishReason, stop_sequence: null },
          usage: { output_tokens: usage.outputTokens },
        },
        "message_delta",
      ),
      sse({ type: "message_stop" }, "message_stop"),
    ],
    malformed: () => sse('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta"', "content_block_delta"),
    complete: (ctx, text, usage, finishReason = "end_turn") => ({
      id: ctx.id,
      type: "message",
      role: "assistant",
      model: ctx.model,
      content: text === "" ? [] : [{ type: "text", text }],
      stop_reason: finishReason,
      stop_sequence: null,
      usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
    }),
    errorBody: (status, message) => ({
      type: "error",
      error: { type: ERROR_TYPES[status] ?? "api_error", message },
    }),
    models: () => ({
      data: [
        { type: "model", id: "fake-claude", display_name: "Fake Claude", created_at: "2025-01-01T00:00:00Z" },
      ],
      has_more: false,
      first_id: "fake-claude",
      last_id: "fake-claude",
    }),
  };
}

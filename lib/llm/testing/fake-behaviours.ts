/**
 * What the fake provider does for one request. Tests script a queue of these; each request takes the
 * next one, so a retry or a second step sees the next behaviour, exactly like a flaky real provider.
 */
export type FakeBehaviour =
  /** A normal answer, streamed chunk by chunk (or joined when the request is not streaming). */
  | { type: "stream"; chunks: string[]; delayMs?: number; usage?: FakeUsage; finishReason?: string }
  /** An HTTP error. `retryAfter` is in seconds (the Retry-After header), `retryAfterMs` sets OpenAI's retry-after-ms. */
  | { type: "status"; status: number; retryAfter?: number; retryAfterMs?: number; body?: unknown }
  /** Sends `afterChunks` chunks, then keeps the connection open and silent until the client gives up. */
  | { type: "stall"; afterChunks: number; chunks?: string[] }
  /** Sends `afterChunks` chunks, then destroys the socket mid-stream. */
  | { type: "cut"; afterChunks: number; chunks?: string[] }
  /** A data line that is not JSON (after `afterChunks` good chunks), then a normal ending. */
  | { type: "malformed"; afterChunks?: number; chunks?: string[] }
  /** A well-formed answer whose text is empty. */
  | { type: "empty" };

export interface FakeUsage {
  inputTokens: number;
  outputTokens: number;
}

/** One request as the fake server received it, for assertions (auth header, prompt text, stream flag...). */
export interface RecordedRequest {
  method: string;
  path: string;
  /** lower-case header names */
  headers: Record<string, string>;
  rawBody: string;
  /** parsed JSON body, or undefined when the body was not JSON */
  body: unknown;
  /** the behaviour used to answer, null when the fallback answered */
  behaviour: FakeBehaviour | null;
}

/** Fields a protocol writer needs to build ids and echo the model name. */
export interface ResponseContext {
  id: string;
  model: string;
  created: number;
  /** input tokens to report (estimated from the request unless scripted) */
  inputTokens: number;
}

/** Text used for stall/cut/malformed when the test did not give chunks: numbered so partial output is recognisable. */
export function chunksFor(behaviour: { afterChunks?: number; chunks?: string[] }): string[] {
  const count = behaviour.afterChunks ?? 0;
  if (behaviour.chunks) return behaviour.chunks.slice(0, count);
  return Array.from({ length: count }, (_, i) => `part${i + 1} `);
}

/** chars/4, the same heuristic the app uses, so tests can predict the reported usage. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Prompt text of an OpenAI or Anthropic request body, to derive a plausible input token count. */
export function promptText(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const record = body as { messages?: unknown; system?: unknown };
  return JSON.stringify([record.system ?? "", record.messages ?? []]);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One wire protocol (OpenAI chat completions or Anthropic messages). The server drives every behaviour
 * through these few builders, so stall/cut/malformed behave identically for both protocols.
 */
export interface FakeProtocol {
  /** SSE frames sent before the first text chunk */
  open(ctx: ResponseContext): string[];
  /** SSE frame carrying one text chunk */
  delta(ctx: ResponseContext, text: string): string;
  /** SSE frames that finish the answer */
  close(ctx: ResponseContext, usage: FakeUsage, finishReason?: string): string[];
  /** an SSE frame whose data is not JSON */
  malformed(): string;
  /** non-streaming answer body */
  complete(ctx: ResponseContext, text: string, usage: FakeUsage, finishReason?: string): unknown;
  /** error body in the provider's own shape, so the SDK's error parser sees a real-looking payload */
  errorBody(status: number, message: string): unknown;
  /** GET /v1/models body */
  models(): unknown;
}

/** Formats one server-sent event; `event:` is only used by Anthropic. */
export function sse(data: unknown, event?: string): string {
  const payload = typeof data === "string" ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ""}data: ${payload}\n\n`;
}

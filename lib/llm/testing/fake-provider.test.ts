import { afterEach, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "./fake-provider";

/** The fake server itself, over raw HTTP: the wire format must match the real APIs byte for byte. */

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options?: Parameters<typeof startFakeProvider>[0]) {
  fake = await startFakeProvider(options);
  return fake;
}

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

/** `data:` payloads of an SSE body, with their `event:` names. */
function events(text: string): Array<{ event?: string; data: string }> {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((frame) => ({
      event: /^event: (.*)$/m.exec(frame)?.[1],
      data: /^data: (.*)$/m.exec(frame)![1],
    }));
}

describe("fake provider: OpenAI chat completions", () => {
  it("streams chunks, a finish chunk, a usage chunk when asked, then [DONE]", async () => {
    const f = await start();
    f.script({ type: "stream", chunks: ["Hel", "lo"], usage: { inputTokens: 11, outputTokens: 2 } });
    const res = await post(`${f.baseURL}/chat/completions`, {
      model: "gpt-x",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "hi" }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const frames = events(await res.text());
    expect(frames.at(-1)!.data).toBe("[DONE]");
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.data));
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.model === "gpt-x" && c.id === chunks[0].id)).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? null)).toEqual(["", "Hel", "lo", null, null]);
    expect(chunks[3].choices[0].finish_reason).toBe("stop");
    expect(chunks[4]).toMatchObject({ choices: [], usage: { prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 } });
  });

  it("sends no usage chunk unless stream_options.include_usage is set", async () => {
    const f = await start();
    f.script({ type: "stream", chunks: ["x"] });
    const frames = events(await (await post(`${f.baseURL}/chat/completions`, { model: "m", stream: true, messages: [] })).text());
    expect(frames.some((fr) => fr.data.includes('"usage"'))).toBe(false);
    expect(frames.at(-1)!.data).toBe("[DONE]");
  });

  it("answers non-streaming requests with one chat.completion object", async () => {
    const f = await start();
    f.script({ type: "stream", chunks: ["a", "b"], usage: { inputTokens: 3, outputTokens: 1 } });
    const body = await (await post(`${f.baseURL}/chat/completions`, { model: "m", messages: [] })).json();
    expect(body).toMatchObject({
      object: "chat.completion",
      choices: [{ index: 0, message: { role: "assistant", content: "ab" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    });
  });

  it("returns scripted statuses with Retry-After and an OpenAI-shaped error body", async () => {
    const f = await start();
    f.script({ type: "status", status: 429, retryAfter: 3 });
    const res = await post(`${f.baseURL}/chat/completions`, { model: "m", stream: true, messages: [] });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(await res.json()).toMatchObject({ error: { type: "rate_limit_exceeded" } });
  });

  it("sends a data line that is not JSON for malformed", async () => {
    const f = await start();
    f.script({ type: "malformed" });
    const frames = events(await (await post(`${f.baseURL}/chat/completions`, { model: "m", stream: true, messages: [] })).text());
    expect(frames.filter((fr) => fr.data !== "[DONE]").some((fr) => !isJson(fr.data))).toBe(true);
  });

  it("destroys the socket mid-stream for cut", async () => {
    const f = await start();
    f.script({ type: "cut", afterChunks: 1 });
    const res = await post(`${f.baseURL}/chat/completions`, { model: "m", stream: true, messages: [] });
    await expect(res.text()).rejects.toThrow();
  });
});

describe("fake provider: Anthropic messages", () => {
  it("streams the named event sequence with usage in message_start and message_delta", async () => {
    const f = await start();
    f.script({ type: "stream", chunks: ["Hi", "!"], usage: { inputTokens: 20, outputTokens: 4 } });
    const res = await post(`${f.baseURL}/messages`, { model: "claude-x", stream: true, max_tokens: 10, messages: [] }, { "anthropic-version": "2023-06-01" });
    const frames = events(await res.text());
    expect(frames.map((fr) => fr.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const data = frames.map((fr) => JSON.parse(fr.data));
    expect(data.every((d, i) => d.type === frames[i].event)).toBe(true);
    expect(data[0].message).toMatchObject({ model: "claude-x", role: "assistant", usage: { input_tokens: 20 } });
    expect(data[3].delta).toEqual({ type: "text_delta", text: "Hi" });
    expect(data[6]).toMatchObject({ delta: { stop_reason: "end_turn" }, usage: { output_tokens: 4 } });
  });

  it("answers non-streaming requests with one message and errors in Anthropic's shape", async () => {
    const f = await start();
    f.script({ type: "stream", chunks: ["ok"] }, { type: "status", status: 529 });
    const message = await (await post(`${f.baseURL}/messages`, { model: "c", max_tokens: 5, messages: [] })).json();
    expect(message).toMatchObject({ type: "message", content: [{ type: "text", text: "ok" }], stop_reason: "end_turn" });
    const error = await post(`${f.baseURL}/messages`, { model: "c", max_tokens: 5, messages: [] });
    expect(error.status).toBe(529);
    expect(await error.json()).toMatchObject({ type: "error", error: { type: "overloaded_error" } });
  });
});

describe("fake provider: script, records, models, lifecycle", () => {
  it("records every request with headers, parsed body and the behaviour used", async () => {
    const f = await start();
    f.script({ type: "stream", chunks: ["a"] });
    await (await post(`${f.baseURL}/chat/completions`, { model: "m", messages: [{ role: "user", content: "secret plan" }] }, { authorization: "Bearer t" })).text();
    expect(f.requests).toHaveLength(1);
    expect(f.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", behaviour: { type: "stream" } });
    expect(f.requests[0].headers.authorization).toBe("Bearer t");
    expect(f.requests[0].body).toMatchObject({ messages: [{ content: "secret plan" }] });
    expect(f.pending()).toBe(0);
  });

  it("answers an unscripted request with a 500 naming the problem, or with the fallback", async () => {
    const f = await start();
    const res = await post(`${f.baseURL}/chat/completions`, { model: "m", messages: [] });
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).toContain("no behaviour scripted");
    expect(f.requests[0].behaviour).toBeNull();
    await f.close();

    const g = await start({ fallback: { type: "stream", chunks: ["default"] } });
    const body = await (await post(`${g.baseURL}/chat/completions`, { model: "m", messages: [] })).json();
    expect(body.choices[0].message.content).toBe("default");
  });

  it("lists models in the OpenAI or Anthropic shape, and plays scripted errors on /models", async () => {
    const f = await start();
    const openai = await (await fetch(`${f.baseURL}/models`)).json();
    expect(openai).toMatchObject({ object: "list", data: [{ id: "fake-model", object: "model" }, { id: "fake-model-large" }] });
    const anthropic = await (await fetch(`${f.baseURL}/models`, { headers: { "anthropic-version": "2023-06-01" } })).json();
    expect(anthropic).toMatchObject({ data: [{ type: "model", id: "fake-claude" }], has_more: false });
    f.script({ type: "status", status: 401 });
    expect((await fetch(`${f.baseURL}/models`)).status).toBe(401);
  });

  it("spaces chunks by delayMs", async () => {
    const f = await start();
    f.script({ type: "stream", chunks: ["a", "b", "c"], delayMs: 60 });
    const started = Date.now();
    await (await post(`${f.baseURL}/chat/completions`, { model: "m", stream: true, messages: [] })).text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(170);
  });

  it("returns 404 for unknown routes without consuming the script", async () => {
    const f = await start();
    f.script({ type: "empty" });
    expect((await post(`${f.baseURL}/completions/legacy`, {})).status).toBe(404);
    expect(f.pending()).toBe(1);
  });

  it("closes promptly while a stalled stream is still open", async () => {
    const f = await start();
    f.script({ type: "stall", afterChunks: 1 });
    const res = await post(`${f.baseURL}/chat/completions`, { model: "m", stream: true, messages: [] });
    const reading = res.text().catch((e: unknown) => e);
    const started = Date.now();
    await f.close();
    fake = undefined;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await reading).toBeInstanceOf(Error);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

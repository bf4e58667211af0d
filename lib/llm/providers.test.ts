import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Spec } from "../specs/types";
import { buildStepPrompt } from "./prompts";
import { createModel, ProviderError, streamStepCompletion, type ProviderConfig } from "./providers";
import { SCAFFOLDER_LABEL, scaffoldAnswer } from "./scaffolder";
import { startFakeProvider, type FakeProvider } from "./testing/fake-provider";

/** The REAL provider clients (createOpenAI / createOpenAICompatible / createAnthropic) over real HTTP. */

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const prompt = { system: "You write code.", user: "Write a module." };

const configs: Array<{ name: string; path: string; config: () => ProviderConfig }> = [
  { name: "openai", path: "/v1/chat/completions", config: () => ({ kind: "openai", apiKey: "sk-test-openai", baseURL: fake.baseURL, model: "gpt-fake" }) },
  {
    name: "openai-compatible",
    path: "/v1/chat/completions",
    config: () => ({ kind: "openai-compatible", baseURL: fake.baseURL, apiKey: "compat-key", model: "local-model", name: "local" }),
  },
  // A real model id: an unknown one makes the Anthropic client log a maxOutputTokens warning.
  { name: "anthropic", path: "/v1/messages", config: () => ({ kind: "anthropic", apiKey: "ant-test-key", baseURL: fake.baseURL, model: "claude-sonnet-4-5" }) },
];

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe.each(configs)("$name client against the fake provider", ({ path, config }) => {
  it("assembles a normal stream, reports usage and calls onChunk per delta", async () => {
    fake.script({ type: "stream", chunks: ["def f():\n", "    return 1\n"], usage: { inputTokens: 42, outputTokens: 7 } });
    const chunks: string[] = [];
    const result = await streamStepCompletion({ model: createModel(config()), prompt, onChunk: (c) => chunks.push(c), timeoutMs: 5000 });

    expect(result.text).toBe("def f():\n    return 1\n");
    expect(chunks).toEqual(["def f():\n", "    return 1\n"]);
    expect(result.usage).toEqual({ inputTokens: 42, outputTokens: 7, estimated: false });
    expect(result.finishReason).toBe("stop");
    // What the run records of the raw response, for reproducibility: the provider's response headers and model.
    expect(result.rawResponse?.headers?.["content-type"]).toContain("text/event-stream");
    expect(result.rawResponse?.modelId).toBeTruthy();
    expect(result.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(result.durationMs).toBeGreaterThanOrEqual(result.timeToFirstTokenMs);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].path).toBe(path);
    expect(JSON.stringify(fake.requests[0].body)).toContain("Write a module.");
    expect(JSON.stringify(fake.requests[0].body)).toContain("You write code.");
  });

  it("turns 429 + Retry-After into rate_limited with retryAfterMs, after exactly one request", async () => {
    fake.script({ type: "status", status: 429, retryAfter: 7 });
    const error = await failure(streamStepCompletion({ model: createModel(config()), prompt, timeoutMs: 5000 }));
    expect(error.kind).toBe("rate_limited");
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7000);
    expect(error.statusCode).toBe(429);
    expect(fake.requests).toHaveLength(1); // maxRetries: 0, the queue retries
  });

  it("turns 500 into a retryable server_error", async () => {
    fake.script({ type: "status", status: 500 });
    const error = await failure(streamStepCompletion({ model: createModel(config()), prompt, timeoutMs: 5000 }));
    expect(error).toMatchObject({ kind: "server_error", retryable: true, statusCode: 500 });
    expect(fake.requests).toHaveLength(1);
  });

  it("aborts a stalled stream and throws timeout within the configured time", async () => {
    fake.script({ type: "stall", afterChunks: 2 });
    const started = Date.now();
    const error = await failure(streamStepCompletion({ model: createModel(config()), prompt, timeoutMs: 300 }));
    const elapsed = Date.now() - started;
    expect(error.kind).toBe("timeout");
    expect(error.retryable).toBe(true);
    expect(error.partialText).toBe("part1 part2 ");
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(2000);
  });

  it("times out a stream that stalls before its first chunk", async () => {
    fake.script({ type: "stall", afterChunks: 0 });
    const error = await failure(streamStepCompletion({ model: createModel(config()), prompt, timeoutMs: 250 }));
    expect(error.kind).toBe("timeout");
    expect(error.partialText).toBeUndefined();
  });

  it("reports a socket cut mid-stream as a retryable stream_cut with the partial text", async () => {
    fake.script({ type: "cut", afterChunks: 2 });
    const error = await failure(streamStepCompletion({ model: createModel(config()), prompt, timeoutMs: 5000 }));
    expect(error.kind).toBe("stream_cut");
    expect(error.retryable).toBe(true);
    expect(error.partialText).toBe("part1 part2 ");
  });

  it("reports a data line that is not JSON as malformed", async () => {
    fake.script({ type: "malformed", afterChunks: 1 });
    const error = await failure(streamStepCompletion({ model: createModel(config()), prompt, timeoutMs: 5000 }));
    expect(error.kind).toBe("malformed");
    expect(error.partialText).toBe("part1 ");
  });

  it("reports an answer without text as empty", async () => {
    fake.script({ type: "empty" });
    const error = await failure(streamStepCompletion({ model: createModel(config()), prompt, timeoutMs: 5000 }));
    expect(error).toMatchObject({ kind: "empty", retryable: true });
  });

  it("reports 401 as a non-retryable auth error and 400 as bad_request", async () => {
    fake.script({ type: "status", status: 401 }, { type: "status", status: 400 });
    const auth = await failure(streamStepCompletion({ model: createModel(config()), prompt, timeoutMs: 5000 }));
    expect(auth).toMatchObject({ kind: "auth", retryable: false, statusCode: 401 });
    const bad = await failure(streamStepCompletion({ model: createModel(config()), prompt, timeoutMs: 5000 }));
    expect(bad).toMatchObject({ kind: "bad_request", retryable: false, statusCode: 400 });
  });
});

describe("provider specifics", () => {
  it("sends each provider's auth header", async () => {
    fake.script({ type: "stream", chunks: ["a"] }, { type: "stream", chunks: ["b"] }, { type: "stream", chunks: ["c"] });
    for (const { config } of configs) await streamStepCompletion({ model: createModel(config()), prompt, timeoutMs: 5000 });
    expect(fake.requests.map((r) => r.headers.authorization ?? r.headers["x-api-key"])).toEqual([
      "Bearer sk-test-openai",
      "Bearer compat-key",
      "ant-test-key",
    ]);
    expect(fake.requests[2].headers["anthropic-version"]).toBe("2023-06-01");
    // openai-compatible only asks for usage because createModel sets includeUsage.
    expect(fake.requests[1].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("reads OpenAI's retry-after-ms before Retry-After", async () => {
    fake.script({ type: "status", status: 429, retryAfter: 9, retryAfterMs: 1250 });
    const error = await failure(streamStepCompletion({ model: createModel(configs[0].config()), prompt, timeoutMs: 5000 }));
    expect(error.retryAfterMs).toBe(1250);
  });

  it("reports a closed port as unreachable", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const address = server.address() as { port: number };
        server.close(() => resolve(address.port));
      });
    });
    const model = createModel({ kind: "openai", apiKey: "k", baseURL: `http://127.0.0.1:${port}/v1`, model: "m" });
    const error = await failure(streamStepCompletion({ model, prompt, timeoutMs: 5000 }));
    expect(error).toMatchObject({ kind: "unreachable", retryable: true });
  });

  it("rethrows the caller's abort reason instead of a provider error", async () => {
    fake.script({ type: "stream", chunks: ["a", "b", "c", "d"], delayMs: 100 });
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    setTimeout(() => controller.abort(reason), 150);
    const error = await streamStepCompletion({ model: createModel(configs[0].config()), prompt, signal: controller.signal, timeoutMs: 5000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBe(reason);
  });

  it("stops and rethrows when onChunk throws", async () => {
    fake.script({ type: "stream", chunks: ["a", "b"] });
    const boom = new Error("consumer failed");
    const error = await streamStepCompletion({
      model: createModel(configs[0].config()),
      prompt,
      timeoutMs: 5000,
      onChunk: () => {
        throw boom;
      },
    }).catch((e: unknown) => e);
    expect(error).toBe(boom);
  });
});

describe("offline model through the same path", () => {
  const spec: Spec = {
    name: "demo",
    description: "",
    language: "python",
    steps: [{ id: "greet", description: "Say hello.", inputs: [{ name: "name", type: "str" }], outputs: [{ name: "greeting", type: "str" }], dependsOn: [], acceptance: [] }],
  };

  it("streams the scaffold answer line by line via streamStepCompletion", async () => {
    const chunks: string[] = [];
    const result = await streamStepCompletion({ model: createModel({ kind: "offline" }), prompt: buildStepPrompt(spec, "greet"), onChunk: (c) => chunks.push(c) });
    expect(result.text).toBe(scaffoldAnswer(spec, "greet"));
    expect(chunks.length).toBe(result.text.split("\n").length - 1);
    expect(chunks.every((c) => c.endsWith("\n"))).toBe(true);
    expect(result.text).toContain(SCAFFOLDER_LABEL);
    expect(result.usage.estimated).toBe(true);
    expect(result.usage.outputTokens).toBe(Math.ceil(result.text.length / 4));
    expect(result.finishReason).toBe("stop");
  });

  it("fails as bad_request when the prompt carries no spec", async () => {
    const error = await failure(streamStepCompletion({ model: createModel({ kind: "offline" }), prompt }));
    expect(error).toMatchObject({ kind: "bad_request", retryable: false });
  });
});

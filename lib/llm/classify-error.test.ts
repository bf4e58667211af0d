import { APICallError, JSONParseError, NoOutputGeneratedError, RetryError, StreamProviderError } from "ai";
import { describe, expect, it } from "vitest";
import { classifyProviderError, retryAfterMs } from "./classify-error";
import { ProviderError } from "./provider-error";

/** Unit cases the fake server cannot produce easily; the HTTP cases are in providers.test.ts. */

const apiError = (statusCode: number | undefined, headers: Record<string, string> = {}, message = "failed") =>
  new APICallError({ message, url: "http://x", requestBodyValues: {}, statusCode, responseHeaders: headers });

describe("retryAfterMs", () => {
  it("reads retry-after-ms, Retry-After seconds and HTTP dates", () => {
    expect(retryAfterMs({ "retry-after-ms": "1500", "retry-after": "9" })).toBe(1500);
    expect(retryAfterMs({ "retry-after": "2.5" })).toBe(2500);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterMs({ "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" }, now)).toBe(30_000);
    expect(retryAfterMs({ "retry-after": "soon" })).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe("classifyProviderError", () => {
  it("maps HTTP statuses", () => {
    expect(classifyProviderError(apiError(429, { "retry-after": "4" }))).toMatchObject({ kind: "rate_limited", retryAfterMs: 4000, retryable: true });
    expect(classifyProviderError(apiError(503, { "retry-after": "1" }))).toMatchObject({ kind: "server_error", retryAfterMs: 1000 });
    expect(classifyProviderError(apiError(529))).toMatchObject({ kind: "server_error", retryable: true });
    expect(classifyProviderError(apiError(403))).toMatchObject({ kind: "auth", retryable: false });
    expect(classifyProviderError(apiError(408))).toMatchObject({ kind: "timeout", retryable: true });
    expect(classifyProviderError(apiError(404))).toMatchObject({ kind: "bad_request", retryable: false });
  });

  it("tells a cut stream from an unreachable host", () => {
    expect(classifyProviderError(apiError(200, {}, "Failed to process successful response"))).toMatchObject({ kind: "stream_cut" });
    expect(classifyProviderError(apiError(undefined, {}, "Cannot connect to API: connect ECONNREFUSED"))).toMatchObject({ kind: "unreachable" });
    const reset = Object.assign(new TypeError("terminated"), { cause: { code: "UND_ERR_SOCKET", message: "other side closed" } });
    expect(classifyProviderError(reset, { partialText: "abc" })).toMatchObject({ kind: "stream_cut", partialText: "abc" });
  });

  it("unwraps RetryError and NoOutputGeneratedError", () => {
    const retry = new RetryError({ message: "x", reason: "maxRetriesExceeded", errors: [apiError(500), apiError(429)] });
    expect(classifyProviderError(retry).kind).toBe("rate_limited");
    expect(classifyProviderError(new NoOutputGeneratedError({ cause: apiError(401) })).kind).toBe("auth");
    expect(classifyProviderError(new NoOutputGeneratedError({ message: "No output generated. The model stream ended without a finish chunk." })).kind).toBe(
      "stream_cut",
    );
  });

  it("maps provider error events inside the stream", () => {
    expect(classifyProviderError(new StreamProviderError({ message: "Overloaded", type: "overloaded_error" }))).toMatchObject({ kind: "server_error" });
    expect(classifyProviderError(new StreamProviderError({ message: "slow down", type: "rate_limit_error" }))).toMatchObject({ kind: "rate_limited" });
  });

  it("maps parse errors to malformed, keeps ProviderErrors, and does not promise retries for unknown errors", () => {
    expect(classifyProviderError(new JSONParseError({ text: "{", cause: new SyntaxError("x") })).kind).toBe("malformed");
    const own = new ProviderError("empty", "nothing");
    expect(classifyProviderError(own)).toBe(own);
    expect(classifyProviderError(new Error("weird"))).toMatchObject({ kind: "server_error", retryable: false });
  });

  it("serialises without the cause chain", () => {
    expect(JSON.parse(JSON.stringify(classifyProviderError(apiError(429, { "retry-after": "2" }))))).toEqual({
      name: "ProviderError",
      kind: "rate_limited",
      message: "rate_limited: failed",
      retryable: true,
      retryAfterMs: 2000,
      statusCode: 429,
    });
  });
});

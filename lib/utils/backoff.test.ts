import { describe, expect, it } from "vitest";
import { backoffDelayMs, retryAfterMs } from "@/lib/utils/backoff";

describe("backoffDelayMs", () => {
  const opts = { baseMs: 1_000, capMs: 30_000 };
  it("doubles per attempt with jitter between half and all of it, up to the cap", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, { ...opts, random: () => 0 }))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, { ...opts, random: () => 1 }))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffDelayMs(20, { ...opts, random: () => 1 })).toBe(30_000);
  });
  it("waits as long as Retry-After asks when that is longer, within ten times the cap", () => {
    expect(backoffDelayMs(1, { ...opts, retryAfterMs: 5_000, random: () => 1 })).toBe(5_000);
    expect(backoffDelayMs(3, { ...opts, retryAfterMs: 100, random: () => 1 })).toBe(4_000);
    expect(backoffDelayMs(1, { ...opts, retryAfterMs: 10 ** 9 })).toBe(300_000);
  });
});

describe("retryAfterMs", () => {
  it("reads retry-after-ms, seconds or an HTTP date", () => {
    expect(retryAfterMs({ "retry-after-ms": "250" })).toBe(250);
    expect(retryAfterMs({ "retry-after": "3" })).toBe(3_000);
    expect(retryAfterMs({ "retry-after": new Date(10_000).toUTCString() }, 4_000)).toBe(6_000);
    expect(retryAfterMs({ "retry-after": "soon" })).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "" })).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

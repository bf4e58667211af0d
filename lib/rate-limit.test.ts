import { afterAll, describe, expect, it } from "vitest";
import { consume, reset } from "@/lib/rate-limit";
import { testDb, uniq } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";

const db = testDb();

// Test mode lifts only the per-IP limits; the per-account limit must hold even with it on.
const previousTestMode = process.env.STUDIO_TEST_MODE;
process.env.STUDIO_TEST_MODE = "1";
afterAll(() => {
  if (previousTestMode === undefined) delete process.env.STUDIO_TEST_MODE;
  else process.env.STUDIO_TEST_MODE = previousTestMode;
});

describe("consume", () => {
  it("allows 8 sign-in attempts per account, refuses the 9th with rate_limited and a retry time", async () => {
    const key = uniq("account");
    for (let i = 0; i < 8; i++) await consume("signin:account", key, "sign-in attempts");
    const err = await expectAppError(consume("signin:account", key, "sign-in attempts"), "rate_limited");
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBeGreaterThan(0);
    expect(err.retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(err.details).toEqual({ retryAfter: err.retryAfter });
    expect(err.message).toMatch(/^Too many sign-in attempts\. Try again in (\d+ seconds|\d+ minutes)\.$/);
    expect(err.message).toBe(`Too many sign-in attempts. Try again in ${Math.ceil(err.retryAfter! / 60)} minutes.`);
    // and it stays refused
    await expectAppError(consume("signin:account", key, "sign-in attempts"), "rate_limited");
  });

  it("keeps the count in the database, shared by every process", async () => {
    const key = uniq("shared");
    for (let i = 0; i < 3; i++) await consume("signin:account", key, "sign-in attempts");
    const row = await db.rateLimit.findUnique({ where: { key: `signin:account:${key}` } });
    expect(row?.points).toBe(3);
    expect(row!.expire!.getTime()).toBeGreaterThan(Date.now());
  });

  it("counts each key on its own", async () => {
    const a = uniq("acc-a");
    const b = uniq("acc-b");
    for (let i = 0; i < 8; i++) await consume("signin:account", a, "sign-in attempts");
    await expectAppError(consume("signin:account", a, "sign-in attempts"), "rate_limited");
    await expect(consume("signin:account", b, "sign-in attempts")).resolves.toBeUndefined();
  });

  it("starts over after reset", async () => {
    const key = uniq("reset");
    for (let i = 0; i < 8; i++) await consume("signin:account", key, "sign-in attempts");
    await reset("signin:account", key);
    for (let i = 0; i < 8; i++) await consume("signin:account", key, "sign-in attempts");
    await expectAppError(consume("signin:account", key, "sign-in attempts"), "rate_limited");
  });

  it("refuses concurrent attempts beyond the limit too", async () => {
    const key = uniq("burst");
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => consume("signin:account", key, "sign-in attempts")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(8);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(4).fill("rate_limited"));
  });

  it("lifts the per-IP sign-in limit in test mode", async () => {
    const key = uniq("ip");
    for (let i = 0; i < 31; i++) await consume("signin:ip", key, "sign-in attempts");
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.STUDIO_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
});

import type { Db } from "@/lib/db";
import { getBoss, stopBoss } from "@/lib/queue/boss";
import { triggerRun } from "@/lib/runs/trigger-run";
import { makeUser, makeWorkspace, testDb } from "../../tests/helpers/db";
import { expectAppError } from "../../tests/helpers/errors";
import { accessFor, addFakeProvider, addRevision, INVALID_YAML, makeSpecWithRevision, setLimits } from "../../tests/helpers/runs";
import { createSpec } from "@/lib/specs/create-spec";

/**
 * Triggering a run: what is refused (and that a refusal writes nothing), idempotency and limits. No worker runs in
 * this file; the runs it creates use the offline scaffolder, so a later file's worker can finish them harmlessly.
 */

let db: Db;

beforeAll(async () => {
  db = testDb();
  await getBoss(); // creates pg-boss's schema, which footprint() counts jobs in
});
afterAll(() => stopBoss());

async function setup(limits: Parameters<typeof setLimits>[2] = { maxConcurrentRuns: 50, runTriggersPerHour: 1000 }) {
  const { ws, owner } = await makeWorkspace();
  const access = await accessFor(db, ws.id, owner);
  await setLimits(db, ws.id, limits);
  const { spec, revision } = await makeSpecWithRevision(db, access);
  return { ws, owner, access, spec, revision };
}

/** Rows a trigger writes, for "nothing was written" assertions. */
async function footprint(workspaceId: string) {
  const [runs, steps, events, audit, jobs] = await Promise.all([
    db.run.count({ where: { workspaceId } }),
    db.runStep.count({ where: { run: { workspaceId } } }),
    db.runEvent.count({ where: { run: { workspaceId } } }),
    db.auditEvent.count({ where: { workspaceId, action: { startsWith: "run." } } }),
    db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'run-step'`).then((r) => Number(r[0].n)),
  ]);
  return { runs, steps, events, audit, jobs };
}

describe("triggerRun refuses, naming the problem", () => {
  it("an unknown provider", async () => {
    const { access, spec, ws } = await setup();
    const before = await footprint(ws.id);
    const err = await expectAppError(triggerRun(db, access, { specId: spec.id, provider: "no-such-provider" }), "validation_failed");
    expect(err.message).toContain('"no-such-provider"');
    expect(err.details).toMatchObject({ field: "provider" });
    expect(await footprint(ws.id)).toEqual(before);
  });

  it("a model the provider does not offer, and a model the offline scaffolder does not have", async () => {
    const { access, spec } = await setup();
    const provider = await addFakeProvider(db, access, "http://127.0.0.1:9/v1", { models: ["fake-model"] });
    const err = await expectAppError(triggerRun(db, access, { specId: spec.id, provider: provider.id, model: "gpt-imaginary" }), "validation_failed");
    expect(err.message).toContain('"gpt-imaginary"');
    expect(err.details).toMatchObject({ field: "model" });
    const off = await expectAppError(triggerRun(db, access, { specId: spec.id, provider: "offline", model: "gpt-imaginary" }), "validation_failed");
    expect(off.details).toMatchObject({ field: "model" });
  });

  it("a disabled provider", async () => {
    const { access, spec } = await setup();
    const provider = await addFakeProvider(db, access, "http://127.0.0.1:9/v1");
    await db.providerConfig.update({ where: { id: provider.id }, data: { enabled: false } });
    const err = await expectAppError(triggerRun(db, access, { specId: spec.id, provider: provider.name }), "validation_failed");
    expect(err.message).toContain("disabled");
  });

  it("an invalid revision", async () => {
    const { access, spec, ws } = await setup();
    const bad = await addRevision(db, access, spec.id, INVALID_YAML);
    expect(bad.valid).toBe(false);
    const before = await footprint(ws.id);
    const err = await expectAppError(triggerRun(db, access, { specId: spec.id, revisionId: bad.id, provider: "offline" }), "validation_failed");
    expect(err.message).toContain(`#${bad.number}`);
    expect(await footprint(ws.id)).toEqual(before);
  });

  it("a spec with no valid revision", async () => {
    const { access, ws } = await setup();
    const spec = await createSpec(db, access, { name: "no valid revision", content: INVALID_YAML, source: "blank" });
    await addRevision(db, access, spec.id, INVALID_YAML);
    const before = await footprint(ws.id);
    const err = await expectAppError(triggerRun(db, access, { specId: spec.id, provider: "offline" }), "validation_failed");
    expect(err.message).toMatch(/no valid revision/);
    expect(await footprint(ws.id)).toEqual(before);
    // And a spec with no revision at all.
    const bare = await createSpec(db, access, { name: "never saved", source: "blank" });
    await expectAppError(triggerRun(db, access, { specId: bare.id, provider: "offline" }), "validation_failed");
  });

  it("a revision of another spec, and a spec of another workspace", async () => {
    const a = await setup();
    const b = await setup();
    await expectAppError(triggerRun(db, a.access, { specId: a.spec.id, revisionId: b.revision.id, provider: "offline" }), "not_found");
    await expectAppError(triggerRun(db, a.access, { specId: b.spec.id, provider: "offline" }), "not_found");
  });
});

describe("triggerRun writes a run completely", () => {
  it("the run, its steps, its first events, its audit event and one job per step, in one go", async () => {
    const { access, spec, ws, revision } = await setup();
    const before = await footprint(ws.id);
    const { run, created } = await triggerRun(db, access, { specId: spec.id, provider: "offline", parameters: { temperature: 0.5, maxOutputTokens: 2000, seed: 42 } });
    expect(created).toBe(true);
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row).toMatchObject({ status: "queued", revisionId: revision.id, revisionHash: revision.contentHash, providerKind: "offline", number: 1 });
    expect(row.parameters).toMatchObject({ temperature: 0.5, maxOutputTokens: 2000, seed: 42, prices: null });
    const after = await footprint(ws.id);
    expect(after.runs - before.runs).toBe(1);
    expect(after.steps - before.steps).toBe(5); // 4 steps + the flow
    expect(after.events - before.events).toBe(6); // run.queued + 5 × step.queued
    expect(after.audit - before.audit).toBe(1);
    expect(after.jobs - before.jobs).toBe(4); // the flow is written by whoever finishes last, not queued
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: ws.id, action: "run.triggered" } });
    expect(audit.resourceId).toBe(run.id);
  });
});

describe("idempotency", () => {
  it("the same key twice returns the same run, created only once", async () => {
    const { access, spec, ws } = await setup();
    const first = await triggerRun(db, access, { specId: spec.id, provider: "offline" }, { idempotencyKey: "key-1" });
    const second = await triggerRun(db, access, { specId: spec.id, provider: "offline" }, { idempotencyKey: "key-1" });
    expect(first.created).toBe(true);
    expect(second).toEqual({ run: { id: first.run.id }, created: false });
    expect(await db.run.count({ where: { workspaceId: ws.id, idempotencyKey: "key-1" } })).toBe(1);
    expect(await db.run.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("the same key sent concurrently still makes one run", async () => {
    const { access, spec, ws } = await setup();
    const results = await Promise.all(Array.from({ length: 5 }, () => triggerRun(db, access, { specId: spec.id, provider: "offline" }, { idempotencyKey: "race" })));
    expect(new Set(results.map((r) => r.run.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.run.count({ where: { workspaceId: ws.id } })).toBe(1);
    const jobs = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'run-step' AND data->>'runId' = $1`, results[0].run.id);
    expect(Number(jobs[0].n)).toBe(4);
  });

  it("a key is per workspace", async () => {
    const a = await setup();
    const b = await setup();
    const ra = await triggerRun(db, a.access, { specId: a.spec.id, provider: "offline" }, { idempotencyKey: "shared" });
    const rb = await triggerRun(db, b.access, { specId: b.spec.id, provider: "offline" }, { idempotencyKey: "shared" });
    expect(rb.created).toBe(true);
    expect(rb.run.id).not.toBe(ra.run.id);
  });
});

describe("limits", () => {
  it("maxConcurrentRuns: with one run queued and a limit of 1, the next is refused and nothing is written", async () => {
    const { access, spec, ws } = await setup({ maxConcurrentRuns: 1, runTriggersPerHour: 1000 });
    await triggerRun(db, access, { specId: spec.id, provider: "offline" });
    const before = await footprint(ws.id);
    const err = await expectAppError(triggerRun(db, access, { specId: spec.id, provider: "offline" }), "rate_limited");
    expect(err.details).toMatchObject({ limit: "maxConcurrentRuns", value: 1 });
    expect(err.message).toMatch(/allows 1 at a time/);
    expect(await footprint(ws.id)).toEqual(before);
  });

  it("maxConcurrentRuns counts queued and running runs only", async () => {
    const { access, spec, ws } = await setup({ maxConcurrentRuns: 1, runTriggersPerHour: 1000 });
    const { run } = await triggerRun(db, access, { specId: spec.id, provider: "offline" });
    await db.run.update({ where: { id: run.id }, data: { status: "succeeded", finishedAt: new Date() } });
    const next = await triggerRun(db, access, { specId: spec.id, provider: "offline" });
    expect(next.created).toBe(true);
    expect(await db.run.count({ where: { workspaceId: ws.id } })).toBe(2);
  });

  it("concurrent triggers cannot both take the last slot", async () => {
    const { access, spec, ws } = await setup({ maxConcurrentRuns: 2, runTriggersPerHour: 1000 });
    const settled = await Promise.allSettled(Array.from({ length: 6 }, () => triggerRun(db, access, { specId: spec.id, provider: "offline" })));
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(2);
    expect(await db.run.count({ where: { workspaceId: ws.id } })).toBe(2);
    const numbers = (await db.run.findMany({ where: { workspaceId: ws.id }, select: { number: true } })).map((r) => r.number).sort();
    expect(numbers).toEqual([1, 2]);
  });

  it("monthly token budget: refused once used up, saying when it resets", async () => {
    const { access, spec, ws } = await setup({ maxConcurrentRuns: 50, runTriggersPerHour: 1000, monthlyTokenBudget: 1000 });
    const { run } = await triggerRun(db, access, { specId: spec.id, provider: "offline" });
    await db.run.update({ where: { id: run.id }, data: { status: "succeeded", inputTokens: 700, outputTokens: 300, finishedAt: new Date() } });
    const before = await footprint(ws.id);
    const err = await expectAppError(triggerRun(db, access, { specId: spec.id, provider: "offline" }), "rate_limited");
    const now = new Date();
    const resets = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
    expect(err.details).toMatchObject({ limit: "monthlyTokenBudget", value: 1000, used: 1000, resetsAt: resets });
    expect(err.message).toContain(resets.slice(0, 10));
    expect(err.retryAfter).toBeGreaterThan(0);
    expect(await footprint(ws.id)).toEqual(before);
  });

  it("runTriggersPerHour: per person, with a retry time", async () => {
    const { access, spec, ws } = await setup({ maxConcurrentRuns: 50, runTriggersPerHour: 2 });
    await triggerRun(db, access, { specId: spec.id, provider: "offline" });
    await triggerRun(db, access, { specId: spec.id, provider: "offline" });
    const before = await footprint(ws.id);
    const err = await expectAppError(triggerRun(db, access, { specId: spec.id, provider: "offline" }), "rate_limited");
    expect(err.details).toMatchObject({ limit: "runTriggersPerHour", value: 2 });
    expect(err.retryAfter).toBeGreaterThan(3500);
    expect(err.retryAfter).toBeLessThanOrEqual(3600);
    expect(await footprint(ws.id)).toEqual(before);
    // Another member of the same workspace still may.
    const other = await makeUser("editor");
    await db.membership.create({ data: { workspaceId: ws.id, userId: other.id, role: "editor" } });
    const theirs = await triggerRun(db, await accessFor(db, ws.id, other), { specId: spec.id, provider: "offline" });
    expect(theirs.created).toBe(true);
  });

  it("an idempotent retry of a run already made is not refused by a limit it reached", async () => {
    const { access, spec } = await setup({ maxConcurrentRuns: 1, runTriggersPerHour: 1000 });
    const first = await triggerRun(db, access, { specId: spec.id, provider: "offline" }, { idempotencyKey: "again" });
    const again = await triggerRun(db, access, { specId: spec.id, provider: "offline" }, { idempotencyKey: "again" });
    expect(again).toEqual({ run: first.run, created: false });
  });
});

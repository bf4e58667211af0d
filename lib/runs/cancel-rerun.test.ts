import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.STUDIO_RETRY_BASE_MS = "50";
  process.env.STUDIO_STALL_TIMEOUT_MS = "2000";
  process.env.STUDIO_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
});

import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { startWorker } from "@/lib/queue/worker";
import { stopBoss } from "@/lib/queue/boss";
import { triggerRun } from "@/lib/runs/trigger-run";
import { cancelRun } from "@/lib/runs/cancel-run";
import { rerunRun } from "@/lib/runs/rerun-run";
import { makeWorkspace, testDb } from "../../tests/helpers/db";
import { expectAppError } from "../../tests/helpers/errors";
import {
  accessFor,
  addFakeProvider,
  addRevision,
  FOUR_STEP_IDS,
  makeSpecWithRevision,
  ONE_STEP_YAML,
  runFacts,
  setLimits,
  startStepFake,
  waitFor,
  waitForRun,
  type StepFake,
} from "../../tests/helpers/runs";

let db: Db;
let worker: { stop(): Promise<void> };
let fake: StepFake;
let access: WorkspaceAccess;
let specId: string;
let providerId: string;

beforeAll(async () => {
  db = testDb();
  worker = await startWorker();
  fake = await startStepFake({ defaultChunks: 12 });
  const { ws, owner } = await makeWorkspace();
  access = await accessFor(db, ws.id, owner);
  await setLimits(db, ws.id, { maxConcurrentRuns: 50, runTriggersPerHour: 1000 });
  providerId = (await addFakeProvider(db, access, fake.baseURL)).id;
  specId = (await makeSpecWithRevision(db, access)).spec.id;
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await fake?.close();
});

beforeEach(() => {
  fake.reset();
  fake.setDefaultDelay(0);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("cancel", () => {
  it("stops a run mid-step: steps cancelled, streams closed, nothing written afterwards", async () => {
    // ~100 chunks, 50 ms apart: each step streams for ~5 s.
    const slow = await startStepFake({ defaultChunks: 100, defaultDelayMs: 50 });
    try {
      const slowProvider = await addFakeProvider(db, access, slow.baseURL);
      const { run } = await triggerRun(db, access, { specId, provider: slowProvider.id });
      // Wait until every step is streaming tokens.
      await waitFor(async () => {
        const streaming = await db.runEvent.groupBy({ by: ["stepKey"], where: { runId: run.id, type: "token" } });
        return streaming.length === FOUR_STEP_IDS.length;
      }, 15_000, "all four steps to stream tokens");
      const cancelAt = Date.now();
      const cancelled = await cancelRun(db, await accessFor(db, access.workspace.id, { id: access.principal.userId, email: access.principal.email }, "run:cancel"), run.id);
      expect(cancelled.status).toBe("cancelled");
      expect(cancelled.cancelRequestedAt).not.toBeNull();

      // Every model stream is hung up on within ~3 s (the claim check and the guarded token writes both notice).
      await waitFor(async () => slow.requests.length === 4 && slow.requests.every((r) => r.closedAt !== undefined), 5000, "the model streams to close");
      for (const r of slow.requests) expect(r.closedAt! - cancelAt, `${r.stepId} stream closed`).toBeLessThan(3000);
      const settledAt = Date.now();
      await sleep(2000); // anything still in flight would land by now

      const f = await runFacts(db, run.id);
      expect(f.gapless).toBe(true);
      expect(f.run.status).toBe("cancelled");
      expect(f.run.error).toBe("Cancelled.");
      expect(f.steps.map((s) => s.status)).toEqual(Array(5).fill("cancelled"));
      expect(f.steps.every((s) => s.claim === null)).toBe(true);
      expect(f.modules).toEqual([]);
      expect(f.ofType("module.written")).toEqual([]);
      expect(f.ofType("step.succeeded")).toEqual([]);
      expect(f.ofType("run.cancelled")).toHaveLength(1);
      for (const id of FOUR_STEP_IDS) {
        const stepCancelled = f.ofType("step.cancelled", id);
        expect(stepCancelled).toHaveLength(1);
        // At most a token write that was already in flight when the cancel committed.
        const late = f.ofType("token", id).filter((e) => e.seq > stepCancelled[0].seq);
        expect(late.length, `${id}: token events after step.cancelled`).toBeLessThanOrEqual(1);
      }
      for (const e of f.events) expect(e.createdAt.getTime(), `${e.type} ${e.stepKey} at +${e.createdAt.getTime() - cancelAt} ms`).toBeLessThan(cancelAt + 1500);
      expect(f.events.filter((e) => e.createdAt.getTime() > settledAt)).toEqual([]);
      const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "run.cancelled", resourceId: run.id } });
      expect(audit.before).toMatchObject({ status: "running" });
      // A cancelled run cannot be cancelled again.
      await expectAppError(cancelRun(db, access, run.id), "conflict");
      // The step jobs end (their handlers may still be closing, e.g. checking a flow module that is then not written).
      await waitFor(async () => {
        const jobs = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'run-step' AND data->>'runId' = $1 AND state < 'completed'`, run.id);
        return Number(jobs[0].n) === 0;
      }, 15_000, "the run's step jobs to end");
      expect((await runFacts(db, run.id)).events).toHaveLength(f.events.length);
      expect(await db.module.count({ where: { runId: run.id } })).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it("cancels a run right after it was triggered; its jobs then do nothing", async () => {
    const { run } = await triggerRun(db, access, { specId, provider: providerId });
    await cancelRun(db, access, run.id);
    await sleep(1500);
    const f = await runFacts(db, run.id);
    expect(f.run.status).toBe("cancelled");
    expect(f.modules).toEqual([]);
    expect(f.steps.every((s) => s.status === "cancelled")).toBe(true);
    expect(f.gapless).toBe(true);
  });

  it("refuses to cancel a finished run, and a run of another workspace", async () => {
    const { run } = await triggerRun(db, access, { specId, provider: "offline" });
    await waitForRun(db, run.id);
    const err = await expectAppError(cancelRun(db, access, run.id), "conflict");
    expect(err.message).toMatch(/already succeeded/);
    const other = await makeWorkspace();
    await expectAppError(cancelRun(db, await accessFor(db, other.ws.id, other.owner, "run:cancel"), run.id), "not_found");
  });
});

describe("rerun", () => {
  it("runs the same revision, provider, model and parameters again, and records it", async () => {
    const { spec, revision } = await makeSpecWithRevision(db, access, ONE_STEP_YAML);
    const { run } = await triggerRun(db, access, { specId: spec.id, provider: providerId, parameters: { temperature: 0.7, maxOutputTokens: 1234, seed: 99 } });
    const first = await waitForRun(db, run.id);
    expect(first.status).toBe("succeeded");
    // A newer revision exists now; the rerun still uses the old one.
    await addRevision(db, access, spec.id, ONE_STEP_YAML.replace("Return the payload", "Return the whole payload"));

    const again = await rerunRun(db, access, run.id);
    expect(again.created).toBe(true);
    const second = await waitForRun(db, again.run.id);
    expect(second).toMatchObject({
      status: "succeeded",
      rerunOfId: first.id,
      revisionId: revision.id,
      revisionHash: first.revisionHash,
      providerId: first.providerId,
      providerKind: first.providerKind,
      model: first.model,
      specId: first.specId,
    });
    expect(second.number).toBe(first.number + 1);
    expect(second.parameters).toEqual(first.parameters);
    expect(second.parameters).toMatchObject({ temperature: 0.7, maxOutputTokens: 1234, seed: 99 });
    // The model was asked the same way both times.
    const bodies = fake.requests.map((r) => r.stepId);
    expect(bodies).toEqual(["only_step", "only_step"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "run.rerun", resourceId: second.id } });
    expect(audit.metadata).toMatchObject({ rerunOf: first.id });
    expect(await db.auditEvent.count({ where: { action: "run.triggered", resourceId: second.id } })).toBe(0);
  });

  it("reruns an offline run, with an idempotency key", async () => {
    const { run } = await triggerRun(db, access, { specId, provider: "offline" });
    await waitForRun(db, run.id);
    const a = await rerunRun(db, access, run.id, "rerun-key");
    const b = await rerunRun(db, access, run.id, "rerun-key");
    expect(b).toEqual({ run: a.run, created: false });
    const second = await waitForRun(db, a.run.id);
    expect(second).toMatchObject({ status: "succeeded", providerKind: "offline", providerId: null, rerunOfId: run.id });
  });

  it("refuses when the run's provider is gone", async () => {
    const gone = await addFakeProvider(db, access, fake.baseURL);
    const { run } = await triggerRun(db, access, { specId, provider: gone.id });
    await waitForRun(db, run.id);
    await db.providerConfig.delete({ where: { id: gone.id } });
    const err = await expectAppError(rerunRun(db, access, run.id), "validation_failed");
    expect(err.message).toMatch(/Unknown provider/);
  });
});

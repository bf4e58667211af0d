import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";

vi.hoisted(() => {
  process.env.STUDIO_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
});

import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { getBoss, stopBoss } from "@/lib/queue/boss";
import { triggerRun } from "@/lib/runs/trigger-run";
import { cancelRun } from "@/lib/runs/cancel-run";
import { appendRunEvent, appendRunEvents, wakeRunStreams } from "@/lib/runs/events";
import { tailRunEvents } from "@/lib/runs/stream";
import { remoteNotice } from "@/lib/realtime/bus";
import { makeWorkspace, testDb } from "../../tests/helpers/db";
import { accessFor, makeSpecWithRevision, setLimits, waitFor } from "../../tests/helpers/runs";

/** tailRunEvents (what GET /api/v1/runs/<id>/stream serves), driven by events appended by hand. No worker here. */

let db: Db;
let access: WorkspaceAccess;
let specId: string;

beforeAll(async () => {
  db = testDb();
  await getBoss();
  const { ws, owner } = await makeWorkspace();
  access = await accessFor(db, ws.id, owner);
  await setLimits(db, ws.id, { maxConcurrentRuns: 50, runTriggersPerHour: 1000 });
  specId = (await makeSpecWithRevision(db, access)).spec.id;
});
afterAll(() => stopBoss());

interface Got {
  event: string;
  id?: string;
  type?: string;
  at: number;
}

function tail(runId: string, afterSeq: number) {
  const got: Got[] = [];
  let stop = () => {};
  const closed = new Promise<void>((resolve) => {
    stop = tailRunEvents(
      runId,
      afterSeq,
      (event, data, id) => {
        got.push({ event, id, type: event === "run-event" ? (JSON.parse(data) as { type: string }).type : undefined, at: performance.now() });
        return true;
      },
      resolve,
    );
  });
  return { got, closed, stop: () => stop() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("tailing a run's events", () => {
  it("replays after the given seq, then sends live events, then ends after the final event", async () => {
    const { run } = await triggerRun(db, access, { specId, provider: "offline" }); // seq 1..6: run.queued + 5 step.queued
    const t = tail(run.id, 3);
    await waitFor(async () => t.got.length >= 3, 5000, "the replay");
    expect(t.got.map((g) => g.id)).toEqual(["4", "5", "6"]);
    const seq = await appendRunEvent(db, run.id, "step.started", "validate_input", { attempt: 1 });
    expect(seq).toBe(7);
    await waitFor(async () => t.got.some((g) => g.id === "7"), 5000, "the live event");
    await cancelRun(db, access, run.id); // step.cancelled × 5, run.cancelled
    await t.closed;
    const ids = t.got.filter((g) => g.event === "run-event").map((g) => Number(g.id));
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 4));
    expect(t.got.at(-2)!.type).toBe("run.cancelled");
    expect(t.got.at(-1)!.event).toBe("end");
  });

  it("a live event written outside a transaction arrives at once", async () => {
    const { run } = await triggerRun(db, access, { specId, provider: "offline" });
    const t = tail(run.id, 0);
    await waitFor(async () => t.got.length >= 6, 5000, "the replay");
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await sleep(137);
      const seq = await appendRunEvent(db, run.id, "token", "validate_input", { attempt: 1, text: `x${i}` });
      const written = performance.now();
      await waitFor(async () => t.got.some((g) => g.id === String(seq)), 5000, `event ${seq}`);
      delays.push(t.got.find((g) => g.id === String(seq))!.at - written);
    }
    t.stop();
    await cancelRun(db, access, run.id);
    expect(Math.max(...delays), `delays ${delays.map((d) => d.toFixed(0)).join(", ")} ms`).toBeLessThan(300);
  });

  it("an event written inside a transaction arrives soon after the commit", async () => {
    const { run } = await triggerRun(db, access, { specId, provider: "offline" });
    const t = tail(run.id, 0);
    await waitFor(async () => t.got.length >= 6, 5000, "the replay");
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await sleep(137);
      const seq = await db.$transaction(async (tx) => {
        const s = await appendRunEvent(tx, run.id, "step.succeeded", "validate_input", { attempt: 1 });
        await sleep(50); // the rest of the transaction's work (module rows, totals)
        return s;
      });
      // The contract of appendRunEvent inside a transaction: the caller wakes the streams after the commit.
      wakeRunStreams(run.id);
      const committed = performance.now();
      await waitFor(async () => t.got.some((g) => g.id === String(seq)), 5000, `event ${seq}`);
      delays.push(t.got.find((g) => g.id === String(seq))!.at - committed);
    }
    t.stop();
    await cancelRun(db, access, run.id);
    expect(Math.max(...delays), `delays ${delays.map((d) => d.toFixed(0)).join(", ")} ms`).toBeLessThan(300);
  });

  it("several events appended in one statement get consecutive seqs, in order, and a lost claim writes none", async () => {
    const { run } = await triggerRun(db, access, { specId, provider: "offline" }); // seq 1..6
    const seqs = await db.$transaction((tx) =>
      appendRunEvents(tx, run.id, [
        { type: "module.written", stepKey: "validate_input", data: { path: "a.py" } },
        { type: "module.written", stepKey: "validate_input", data: { path: "a_test.py" } },
        { type: "step.succeeded", stepKey: "validate_input", data: { attempt: 1 } },
      ]),
    );
    expect(seqs).toEqual([7, 8, 9]);
    const stored = await db.runEvent.findMany({ where: { runId: run.id, seq: { gt: 6 } }, orderBy: { seq: "asc" } });
    expect(stored.map((e) => [e.seq, e.type, (e.data as { path?: string }).path ?? null])).toEqual([
      [7, "module.written", "a.py"],
      [8, "module.written", "a_test.py"],
      [9, "step.succeeded", null],
    ]);
    const step = await db.runStep.findFirstOrThrow({ where: { runId: run.id, stepKey: "validate_input" } });
    expect(await appendRunEvents(db, run.id, [{ type: "token", stepKey: "validate_input", data: { text: "x" } }], { stepId: step.id, claim: "not-the-claim" })).toBeNull();
    expect(await appendRunEvent(db, run.id, "step.started", "validate_input", {})).toBe(10);
    await cancelRun(db, access, run.id);
  });

  it.skipIf(process.env.TEST_DB === "pglite")("other processes hear of an event with the statement that wrote it, at commit", async () => {
    const { run } = await triggerRun(db, access, { specId, provider: "offline" });
    // Another process's LISTEN connection (lib/realtime/bus.ts), as a plain client on the bus channel.
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const heard: { topic: string; at: number }[] = [];
    listener.on("notification", (n) => heard.push({ topic: (JSON.parse(n.payload!) as { topic: string }).topic, at: performance.now() }));
    await listener.query(`LISTEN ${remoteNotice(`run:${run.id}`)!.channel}`);
    const mine = () => heard.filter((h) => h.topic === `run:${run.id}`);
    try {
      await appendRunEvent(db, run.id, "step.started", "validate_input", { attempt: 1 });
      await waitFor(async () => mine().length === 1, 5000, "the notice of an event written outside a transaction");
      let committed = 0;
      await db.$transaction(async (tx) => {
        await appendRunEvent(tx, run.id, "module.written", "validate_input", { path: "a.py" });
        await appendRunEvent(tx, run.id, "step.succeeded", "validate_input", { attempt: 1 });
        await sleep(100);
        // Not before the commit: a reader woken now would not see the rows yet.
        expect(mine()).toHaveLength(1);
        committed = performance.now();
      });
      await waitFor(async () => mine().length === 2, 5000, "the notice at commit");
      // PostgreSQL folds the transaction's identical notices into one.
      await sleep(100);
      expect(mine()).toHaveLength(2);
      expect(mine()[1].at).toBeGreaterThanOrEqual(committed);
    } finally {
      await listener.end();
      await cancelRun(db, access, run.id);
    }
  });
});

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.STUDIO_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
  process.env.STUDIO_STEP_TIMEOUT_S = "8";
});

import PgBoss from "pg-boss";
import { getBoss, stopBoss } from "@/lib/queue/boss";
import { triggerRun } from "@/lib/runs/trigger-run";
import { makeWorkspace, testDb } from "../../tests/helpers/db";
import { accessFor, addFakeProvider, FINAL_RUN_STATUSES, FOUR_STEP_TS_YAML, makeSpecWithRevision, runFacts, setLimits, startStepFake, waitFor, type StepFake } from "../../tests/helpers/runs";

/**
 * Two real worker processes (scripts/worker.ts) work 50 runs of 4 steps; one is killed with SIGKILL mid-way and a
 * replacement started. Every run must still succeed with each module written exactly once.
 *
 * pg-boss hands a dead worker's job to another only after the job expires (step timeout + 30 s, see
 * lib/queue/boss.ts) AND a maintenance pass notices (every 120 s by default in pg-boss 10). KILL9_SUPERVISOR_S=n
 * starts an extra pg-boss supervisor in this process with an n-second maintenance interval, to show the effect of
 * configuring that interval in boss.ts; unset, the product's own settings are tested.
 *
 * Embedded PGlite is single-process, so this runs on PostgreSQL only.
 */

const RUNS = Number(process.env.KILL9_RUNS ?? 50);
const ROOT = path.resolve(__dirname, "../..");
const children: ChildProcess[] = [];
let fake: StepFake | undefined;
let supervisor: PgBoss | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  await Promise.all(children.map((c) => stop(c)));
  await supervisor?.stop({ graceful: false }).catch(() => undefined);
  await stopBoss();
  await fake?.close();
});

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill("SIGKILL"), 12_000);
    child.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** `node --import tsx scripts/worker.ts`: node itself is the worker, so SIGKILL hits the process that holds the jobs. */
async function startWorkerProcess(databaseUrl: string, dataDir: string, name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      AUTH_SECRET: "kill9-test-auth-secret-0123456789abcdef",
      STUDIO_ENCRYPTION_KEY: process.env.STUDIO_ENCRYPTION_KEY!,
      STUDIO_STEP_TIMEOUT_S: "8",
      STUDIO_STALL_TIMEOUT_MS: "5000",
      STUDIO_RETRY_BASE_MS: "50",
      STUDIO_WORKER_CONCURRENCY: "4",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let log = "";
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      log += d.toString();
      if (log.includes("Worker started.")) resolve();
    });
    child.once("exit", (code, signal) => reject(new Error(`worker ${name} exited (${signal ?? code}) before starting:\n${log}`)));
  });
  child.on("exit", (code, signal) => {
    if (signal !== "SIGKILL" && code !== 0) console.error(`[kill9] worker ${name} exited (${signal ?? code}):\n${log.slice(-2000)}`);
  });
  return child;
}

describe.skipIf(process.env.TEST_DB === "pglite")("a worker killed with SIGKILL mid-way", () => {
  it(`loses no run and duplicates no module (${RUNS} runs × 4 steps, 2 worker processes)`, { timeout: 300_000 }, async () => {
    const db = testDb();
    const url = inject("databaseUrl");
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-kill9-"));
    await getBoss(); // pg-boss's schema exists before the workers race to create it
    if (process.env.KILL9_SUPERVISOR_S) {
      supervisor = new PgBoss({ connectionString: url, supervise: true, schedule: false, maintenanceIntervalSeconds: Number(process.env.KILL9_SUPERVISOR_S), max: 2 });
      supervisor.on("error", () => undefined);
      await supervisor.start();
    }
    // ~20 chunks 50 ms apart: a step streams for ~1 s.
    fake = await startStepFake({ defaultChunks: 20, defaultDelayMs: 50 });
    const { ws, owner } = await makeWorkspace();
    const access = await accessFor(db, ws.id, owner);
    await setLimits(db, ws.id, { maxConcurrentRuns: RUNS + 10, runTriggersPerHour: 10_000 });
    const provider = await addFakeProvider(db, access, fake.baseURL);
    // TypeScript: its files are checked in-process, so the test's time goes to the queue, not to spawning python3.
    const { spec } = await makeSpecWithRevision(db, access, FOUR_STEP_TS_YAML);

    const t0 = Date.now();
    const victim = await startWorkerProcess(url, dataDir, "A");
    await startWorkerProcess(url, dataDir, "B"); // one after the other: both migrate at start, and race for its lock
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) runIds.push((await triggerRun(db, access, { specId: spec.id, provider: provider.id })).run.id);

    const succeededSteps = () => db.runStep.count({ where: { runId: { in: runIds }, status: "succeeded", stepKey: { not: "__flow__" } } });
    // Mid-way: a quarter of the steps done, and the victim in the middle of some.
    await waitFor(async () => (await succeededSteps()) >= RUNS, 120_000, "a quarter of the steps to finish");
    const runningBefore = await db.runStep.count({ where: { runId: { in: runIds }, status: "running" } });
    const killedAt = Date.now();
    victim.kill("SIGKILL");
    await new Promise((r) => victim.once("exit", r));
    await startWorkerProcess(url, dataDir!, "C");

    const finalCount = () => db.run.count({ where: { id: { in: runIds }, status: { in: FINAL_RUN_STATUSES } } });
    await waitFor(async () => (await finalCount()) === RUNS, 240_000, `all ${RUNS} runs to finish`).catch(async (err: Error) => {
      const stuck = await db.runStep.findMany({ where: { runId: { in: runIds }, status: { notIn: ["succeeded"] } }, select: { runId: true, stepKey: true, status: true, attempts: true, claim: true } });
      const runs = await db.run.findMany({ where: { id: { in: runIds }, status: { notIn: FINAL_RUN_STATUSES } }, select: { id: true, status: true } });
      throw new Error(`${err.message}; unfinished runs ${JSON.stringify(runs)}; steps not succeeded: ${JSON.stringify(stuck)}`);
    });
    const doneAt = Date.now();

    const runs = await db.run.findMany({ where: { id: { in: runIds } }, select: { id: true, status: true, error: true } });
    expect(runs.filter((r) => r.status !== "succeeded")).toEqual([]);
    const dupes = await db.$queryRawUnsafe<unknown[]>(
      `SELECT run_id, path, count(*)::int AS n FROM modules WHERE run_id = ANY($1::text[]) GROUP BY 1, 2 HAVING count(*) > 1`,
      runIds,
    );
    expect(dupes).toEqual([]);
    const perRun = await db.module.groupBy({ by: ["runId"], where: { runId: { in: runIds } }, _count: { _all: true } });
    expect(perRun).toHaveLength(RUNS);
    expect(perRun.filter((r) => r._count._all !== 9)).toEqual([]);
    const retaken = await db.runStep.findMany({ where: { runId: { in: runIds }, attempts: { gt: 1 } }, select: { runId: true, stepKey: true, attempts: true } });
    for (const id of runIds) {
      const f = await runFacts(db, id);
      expect(f.gapless, `run ${id} event seqs`).toBe(true);
      expect(f.ofType("run.succeeded")).toHaveLength(1);
      expect(f.ofType("module.written")).toHaveLength(9);
    }
    const recovery = (doneAt - killedAt) / 1000;
    // When the dead worker's steps were started again, by whom pg-boss gave their expired jobs to.
    const restarts = await db.runEvent.findMany({ where: { runId: { in: runIds }, type: "step.started", createdAt: { gt: new Date(killedAt) } }, select: { runId: true, stepKey: true, data: true, createdAt: true } });
    const retakenAfter = restarts
      .filter((e) => (e.data as { attempt: number }).attempt > 1 && retaken.some((r) => r.runId === e.runId && r.stepKey === e.stepKey))
      .map((e) => (e.createdAt.getTime() - killedAt) / 1000);
    console.log(
      `[kill9] ${RUNS} runs: killed worker A at +${((killedAt - t0) / 1000).toFixed(1)} s with ${runningBefore} steps running; ` +
        `${retaken.length} steps were re-run by another worker, restarted ${retakenAfter.map((x) => x.toFixed(1)).join(", ")} s after the kill; ` +
        `all done at +${((doneAt - t0) / 1000).toFixed(1)} s (${recovery.toFixed(1)} s after the kill)` +
        (supervisor ? ` [extra supervisor every ${process.env.KILL9_SUPERVISOR_S} s]` : ""),
    );
    // A dead worker's step is picked up once its job expires (step timeout 8 s + 30 s) and a maintenance pass runs
    // (every 120 s in pg-boss 10 unless configured), plus pg-boss's retry delay (2-4 s).
    for (const t of retakenAfter) expect(t).toBeLessThan(8 + 30 + (Number(process.env.KILL9_SUPERVISOR_S) || 120) + 30);
  });
});

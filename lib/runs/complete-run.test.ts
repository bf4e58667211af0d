import { beforeAll, afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.STUDIO_RETRY_BASE_MS = "50";
  process.env.STUDIO_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
});

import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { getBoss, stopBoss } from "@/lib/queue/boss";
import { triggerRun } from "@/lib/runs/trigger-run";
import { executeStep } from "@/lib/runs/execute-step";
import { maybeCompleteRun } from "@/lib/runs/complete-run";
import { makeWorkspace, testDb } from "../../tests/helpers/db";
import { accessFor, makeSpecWithRevision, runFacts, setLimits } from "../../tests/helpers/runs";

/**
 * Closing a run, driven step by step with executeStep (no worker in this file): the flow module is written once, by
 * whichever step finishes last, and a run whose steps are all final must end up closed even when the job that
 * finished the last step is re-delivered (pg-boss retries a job whose handler threw or whose worker died).
 */

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

async function newRun() {
  const { run } = await triggerRun(db, access, { specId, provider: "offline" });
  const steps = await db.runStep.findMany({ where: { runId: run.id, stepKey: { not: "__flow__" } }, orderBy: { position: "asc" } });
  return { runId: run.id, jobs: steps.map((s) => ({ runId: run.id, stepId: s.id })) };
}

describe("closing a run", () => {
  it("the step that finishes last writes the flow and closes the run, once", async () => {
    const { runId, jobs } = await newRun();
    for (const job of jobs.slice(0, -1)) await executeStep(job);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("running");
    await executeStep(jobs.at(-1)!);
    // Callers racing to close it again change nothing.
    await Promise.all([maybeCompleteRun(db, runId), maybeCompleteRun(db, runId), maybeCompleteRun(db, runId)]);
    const f = await runFacts(db, runId);
    expect(f.run.status).toBe("succeeded");
    expect(f.modules).toHaveLength(9);
    expect(f.ofType("run.succeeded")).toHaveLength(1);
    expect(f.ofType("module.written", "__flow__")).toHaveLength(1);
    expect(f.gapless).toBe(true);
  });

  it("a job delivered twice (its first delivery finished the step) writes nothing more", async () => {
    const { runId, jobs } = await newRun();
    for (const job of jobs) await executeStep(job);
    const before = await runFacts(db, runId);
    await executeStep(jobs[0]);
    const after = await runFacts(db, runId);
    expect(after.events).toHaveLength(before.events.length);
    expect(after.modules).toHaveLength(9);
    expect(after.steps.find((s) => s.id === jobs[0].stepId)!.attempts).toBe(1);
  });

  it("steps finishing at the same moment close the run exactly once, with every module and gapless events", async () => {
    const runs = await Promise.all(Array.from({ length: 4 }, () => newRun()));
    await Promise.all(runs.flatMap(({ jobs }) => jobs.map((job) => executeStep(job))));
    for (const { runId } of runs) {
      const f = await runFacts(db, runId);
      expect(f.run.status).toBe("succeeded");
      expect(f.modules).toHaveLength(9);
      expect(f.ofType("run.succeeded")).toHaveLength(1);
      expect(f.ofType("module.written", "__flow__")).toHaveLength(1);
      expect(f.steps.every((s) => s.status === "succeeded")).toBe(true);
      expect(f.gapless).toBe(true);
    }
  });
});

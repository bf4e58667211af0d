import { describe, expect, it } from "vitest";
import { appendRunEvent } from "@/lib/runs/events";
import { runEventLog } from "@/lib/runs/queries";
import { toRunEventSnapshot } from "@/lib/runs/views";
import { RunEventStore } from "@/lib/runs/client/event-store";
import { testDb } from "../../tests/helpers/db";
import { insertRun, makeReviewWorkspace } from "../../tests/helpers/review";

/** The log a run page is rendered with (runEventLog → toRunEventSnapshot → RunEventStore.from). */
describe("a run page's starting event log", () => {
  it("keeps every event but a succeeded step's tokens, folds the rest into answers, and resumes after the last seq", async () => {
    const db = testDb();
    const { ws, owner, spec, revision } = await makeReviewWorkspace(db);
    const { run } = await insertRun(db, { workspaceId: ws.id, spec, revision, triggeredBy: owner, status: "running" });
    await db.runStep.createMany({
      data: [
        { runId: run.id, stepKey: "fetch_order", position: 0, dependsOn: [], status: "succeeded", attempts: 1 },
        { runId: run.id, stepKey: "charge_card", position: 1, dependsOn: ["fetch_order"], status: "running", attempts: 2 },
      ],
    });
    const add = (type: Parameters<typeof appendRunEvent>[2], step: string | null, data: object = {}) => appendRunEvent(db, run.id, type, step, data);
    await add("run.started", null);
    await add("step.started", "fetch_order", { attempt: 1 });
    for (const text of ["def ", "fetch", "()"]) await add("token", "fetch_order", { attempt: 1, text });
    await add("step.succeeded", "fetch_order", { attempt: 1 });
    await add("step.started", "charge_card", { attempt: 1 });
    await add("token", "charge_card", { attempt: 1, text: "lost" });
    await add("step.retrying", "charge_card", { attempt: 1, nextAttempt: 2 });
    await add("step.started", "charge_card", { attempt: 2 });
    for (const text of ["def ", "charge"]) await add("token", "charge_card", { attempt: 2, text });

    const log = await runEventLog(db, run.id);
    expect(log.lastSeq).toBe(12);
    expect(log.events.filter((e) => e.type === "token").map((e) => e.step)).toEqual(["charge_card", "charge_card", "charge_card"]);

    const snap = toRunEventSnapshot(log);
    expect(snap.lastSeq).toBe(12);
    expect(snap.events.map((e) => e.type)).toEqual(["run.started", "step.started", "step.succeeded", "step.started", "step.retrying", "step.started"]);
    // A succeeded step has its stored files instead: its answer is left empty.
    expect(Object.fromEntries(snap.answers)).toEqual({ fetch_order: { attempt: 1, text: "", chunks: 0 }, charge_card: { attempt: 2, text: "def charge", chunks: 2 } });

    // The browser's store starts there: what the stream sends again is dropped, what is new is applied.
    const store = RunEventStore.from(JSON.parse(JSON.stringify(snap)));
    expect(store.finished).toBe(false);
    expect(store.apply([{ seq: 12, type: "token", step: "charge_card", at: new Date().toISOString(), data: { attempt: 2, text: "again" } }]).steps.size).toBe(0);
    store.apply([{ seq: 13, type: "token", step: "charge_card", at: new Date().toISOString(), data: { attempt: 2, text: "_card" } }]);
    expect(store.answer("charge_card")?.text).toBe("def charge_card");

    await add("run.failed", null, { reason: "stopped" });
    const done = RunEventStore.from(toRunEventSnapshot(await runEventLog(db, run.id)));
    expect(done.finished).toBe(true);
    expect(done.lastSeq).toBe(13);
  });

  it("is empty for a run without events", async () => {
    const db = testDb();
    const { ws, owner, spec, revision } = await makeReviewWorkspace(db);
    const { run } = await insertRun(db, { workspaceId: ws.id, spec, revision, triggeredBy: owner, status: "queued" });
    expect(await runEventLog(db, run.id)).toEqual({ events: [], lastSeq: 0 });
  });
});

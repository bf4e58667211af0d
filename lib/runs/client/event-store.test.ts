import { describe, expect, it, vi } from "vitest";
import { RunEventStore } from "@/lib/runs/client/event-store";
import type { RunEvent } from "@/lib/runs/client/types";

let seq = 0;
const ev = (type: string, step: string | null, data: Record<string, unknown> = {}): RunEvent => ({ seq: ++seq, type, step, at: new Date().toISOString(), data });

describe("RunEventStore", () => {
  it("keeps tokens as text per step and attempt, and starts afresh on a new attempt", () => {
    seq = 0;
    const store = new RunEventStore();
    const listener = vi.fn();
    store.subscribe(listener);
    const r1 = store.apply([ev("step.queued", "a"), ev("step.started", "a", { attempt: 1 }), ev("token", "a", { attempt: 1, text: "foo " }), ev("token", "a", { attempt: 1, text: "bar" })]);
    expect(r1.eventsChanged).toBe(true);
    expect(store.events.map((e) => e.type)).toEqual(["step.queued", "step.started"]);
    expect(store.answer("a")).toEqual({ attempt: 1, text: "foo bar", chunks: 2 });
    expect(listener).toHaveBeenCalledTimes(1);

    const before = store.eventsVersion;
    const r2 = store.apply([ev("token", "a", { attempt: 1, text: "!" })]);
    expect(r2.eventsChanged).toBe(false);
    expect(store.eventsVersion).toBe(before);
    expect(store.stepVersion("a")).toBe(2);

    store.apply([ev("step.retrying", "a", { attempt: 1 }), ev("step.started", "a", { attempt: 2 })]);
    expect(store.answer("a")).toEqual({ attempt: 2, text: "", chunks: 0 });
    store.apply([ev("token", "a", { attempt: 1, text: "late" }), ev("token", "a", { attempt: 2, text: "new" })]);
    expect(store.answer("a")?.text).toBe("new");
  });

  it("drops replayed events and notices the end of the run", () => {
    seq = 0;
    const store = new RunEventStore();
    const batch = [ev("run.queued", null), ev("step.queued", "a"), ev("run.succeeded", null)];
    store.apply(batch);
    const version = store.eventsVersion;
    store.apply(batch);
    expect(store.eventsVersion).toBe(version);
    expect(store.events).toHaveLength(3);
    expect(store.finished).toBe(true);
    expect(store.lastSeq).toBe(3);
  });

  it("applies 5,000 events in one batch quickly", () => {
    seq = 0;
    const store = new RunEventStore();
    const batch: RunEvent[] = [];
    for (let s = 0; s < 25; s++) {
      batch.push(ev("step.started", `s${s}`, { attempt: 1 }));
      for (let i = 0; i < 199; i++) batch.push(ev("token", `s${s}`, { attempt: 1, text: "line\n" }));
    }
    const t = performance.now();
    store.apply(batch);
    expect(performance.now() - t).toBeLessThan(100);
    expect(store.events).toHaveLength(25);
    expect(store.answer("s3")?.chunks).toBe(199);
  });
});

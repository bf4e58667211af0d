import { describe, expect, it } from "vitest";
import { FLOW_STEP_KEY as SERVER_FLOW_KEY } from "@/lib/runs/schemas";
import { axisTicks, buildTimeline, FLOW_STEP_KEY, type TimelineEvent, type TimelineRunInput } from "@/lib/runs/timeline";

const T0 = Date.parse("2025-05-01T10:00:00.000Z");
const iso = (ms: number) => new Date(T0 + ms).toISOString();

/** A tiny event-log builder: `ev(ms, type, step, data)` with gapless seqs. */
function log() {
  const events: TimelineEvent[] = [];
  const ev = (ms: number, type: string, step: string | null = null, data: Record<string, unknown> = {}) => {
    events.push({ seq: events.length + 1, type, step, at: iso(ms), data });
    return ev;
  };
  return { events, ev };
}

const run = (status: string, extra: Partial<TimelineRunInput> = {}): TimelineRunInput => ({ status, createdAt: iso(0), ...extra });

/** A step that runs once and succeeds: queued at `q`, started at `s`, done at `d`. */
function happyStep(ev: ReturnType<typeof log>["ev"], key: string, s: number, d: number, tokens = { in: 100, out: 200 }) {
  ev(s, "step.started", key, { attempt: 1 })
    (s + 5, "llm.call_started", key, { attempt: 1, provider: "Offline scaffolder", model: "offline-scaffold", system: "sys", prompt: `write ${key}`, parameters: { temperature: 0.2 } })
    (s + 10, "token", key, { attempt: 1, text: "```python\n" })
    (s + 20, "token", key, { attempt: 1, text: "x = 1\n```\n" })
    (d - 10, "llm.call_finished", key, { attempt: 1, inputTokens: tokens.in, outputTokens: tokens.out, costUsd: 0, timeToFirstTokenMs: 5, durationMs: d - s - 15, finishReason: "stop" })
    (d - 5, "module.written", key, { path: `steps/${key}.py`, role: "module", findings: 0 })
    (d - 5, "module.written", key, { path: `tests/test_${key}.py`, role: "test", findings: 1 })
    (d, "step.succeeded", key, { attempt: 1, inputTokens: tokens.in, outputTokens: tokens.out, costUsd: 0 });
}

describe("buildTimeline", () => {
  it("uses the same flow step key as the server", () => {
    expect(FLOW_STEP_KEY).toBe(SERVER_FLOW_KEY);
  });

  it("follows a successful run: statuses, phases, durations, modules and totals", () => {
    const { events, ev } = log();
    ev(0, "run.queued", null, { revision: 1 })
      (0, "step.queued", "validate_input", { position: 0, dependsOn: [] })
      (0, "step.queued", "create_account", { position: 1, dependsOn: ["validate_input"] })
      (0, "step.queued", FLOW_STEP_KEY, { position: 2, dependsOn: ["validate_input", "create_account"] })
      (100, "run.started");
    happyStep(ev, "validate_input", 100, 1300);
    happyStep(ev, "create_account", 200, 2200, { in: 50, out: 70 });
    ev(2250, "module.written", FLOW_STEP_KEY, { path: "flow.py", role: "flow", findings: 0 })(2250, "step.succeeded", FLOW_STEP_KEY, { scaffolded: true })(2250, "run.succeeded", null, { modules: 5 });

    const t = buildTimeline(run("succeeded"), events);
    expect(t.status).toBe("succeeded");
    expect(t.live).toBe(false);
    expect(t.startMs).toBe(T0);
    expect(t.endMs).toBe(T0 + 2250);
    expect(t.steps.map((s) => s.key)).toEqual(["validate_input", "create_account", FLOW_STEP_KEY]);
    expect(t.steps.map((s) => s.status)).toEqual(["succeeded", "succeeded", "succeeded"]);

    const [first, second, flow] = t.steps;
    expect(first.durationMs).toBe(1200);
    expect(first.attempts).toBe(1);
    expect(first.segments).toEqual([
      { kind: "queued", start: T0, end: T0 + 100 },
      { kind: "running", start: T0 + 100, end: T0 + 1300, attempt: 1 },
    ]);
    expect(first.modules).toEqual([
      { path: "steps/validate_input.py", role: "module", findings: 0 },
      { path: "tests/test_validate_input.py", role: "test", findings: 1 },
    ]);
    expect(first.tokenChunks).toBe(2);
    expect(first.events.some((e) => e.type === "token")).toBe(false);
    expect(first.calls).toHaveLength(1);
    expect(first.calls[0]).toMatchObject({ attempt: 1, status: "finished", model: "offline-scaffold", prompt: "write validate_input", inputTokens: 100, outputTokens: 200, timeToFirstTokenMs: 5 });
    expect(first.ariaLabel).toBe("validate_input: succeeded in 1.2 s, 1 attempt");
    expect(second.dependsOn).toEqual(["validate_input"]);
    expect(flow.isFlow).toBe(true);
    expect(flow.ariaLabel).toBe(`${FLOW_STEP_KEY}: succeeded (scaffolded)`);
    expect(t.totals).toEqual({ inputTokens: 150, outputTokens: 270, costUsd: 0 });
    expect(t.runEvents.map((e) => e.type)).toEqual(["run.queued", "run.started", "run.succeeded"]);
    expect(t.error).toBeNull();
  });

  it("marks retries: attempts, the failed call, the wait and the next attempt", () => {
    const { events, ev } = log();
    ev(0, "run.queued")(0, "step.queued", "flaky", { position: 0 })(0, "step.queued", FLOW_STEP_KEY, { position: 1 })
      (50, "step.started", "flaky", { attempt: 1 })
      (60, "llm.call_started", "flaky", { attempt: 1, model: "gpt" })
      (70, "token", "flaky", { attempt: 1, text: "partial" })
      (400, "llm.call_failed", "flaky", { attempt: 1, kind: "rate_limited", message: "slow down", retryable: true, statusCode: 429 })
      (410, "step.retrying", "flaky", { attempt: 1, nextAttempt: 2, delayMs: 1000, reason: "rate_limited: slow down", kind: "rate_limited" })
      (1410, "step.started", "flaky", { attempt: 2 })
      (1420, "llm.call_started", "flaky", { attempt: 2, model: "gpt" })
      (1600, "llm.call_finished", "flaky", { attempt: 2, inputTokens: 10, outputTokens: 20, costUsd: 0.5 })
      (1610, "step.succeeded", "flaky", { attempt: 2, inputTokens: 10, outputTokens: 20, costUsd: 0.5 });

    const t = buildTimeline(run("running"), events, { now: T0 + 2000 });
    const step = t.steps[0];
    expect(step.status).toBe("succeeded");
    expect(step.attempts).toBe(2);
    expect(step.retries).toEqual([{ at: T0 + 410, attempt: 1, nextAttempt: 2, delayMs: 1000, reason: "rate_limited: slow down", kind: "rate_limited" }]);
    expect(step.segments.map((s) => [s.kind, s.start - T0, s.end === null ? null : s.end - T0, s.attempt])).toEqual([
      ["queued", 0, 50, undefined],
      ["running", 50, 410, 1],
      ["retrying", 410, 1410, undefined],
      ["running", 1410, 1610, 2],
    ]);
    expect(step.calls.map((c) => [c.attempt, c.status, c.failure?.kind ?? null])).toEqual([
      [1, "failed", "rate_limited"],
      [2, "finished", null],
    ]);
    expect(step.calls[0].failure).toEqual({ kind: "rate_limited", message: "slow down", retryable: true, statusCode: 429 });
    expect(step.error).toBeNull();
    expect(step.durationMs).toBe(1560);
    expect(step.ariaLabel).toBe("flaky: succeeded in 1.6 s, 2 attempts");
    expect(step.costUsd).toBe(0.5);
  });

  it("while retrying, says which attempt comes next and keeps the wait open", () => {
    const { events, ev } = log();
    ev(0, "step.queued", "s1", { position: 0 })(10, "step.started", "s1", { attempt: 1 })(20, "llm.call_failed", "s1", { attempt: 1, kind: "timeout", message: "slow", retryable: true })
      (30, "step.retrying", "s1", { attempt: 1, nextAttempt: 2, delayMs: 500, reason: "timeout: slow" });
    const t = buildTimeline(run("running"), events, { now: T0 + 100 });
    const s = t.steps[0];
    expect(s.status).toBe("retrying");
    expect(s.error).toBe("timeout: slow");
    expect(s.segments[s.segments.length - 1]).toEqual({ kind: "retrying", start: T0 + 30, end: null });
    expect(s.ariaLabel).toBe("s1: retrying, attempt 2 next, 1 attempt");
    expect(t.endMs).toBe(T0 + 100);
    expect(t.live).toBe(true);
  });

  it("reports a failed step and a failed run with their reasons", () => {
    const { events, ev } = log();
    ev(0, "run.queued")(0, "step.queued", "good", { position: 0 })(0, "step.queued", "bad", { position: 1 })(0, "step.queued", FLOW_STEP_KEY, { position: 2 })(5, "run.started");
    happyStep(ev, "good", 5, 500);
    ev(10, "step.started", "bad", { attempt: 1 })
      (900, "llm.call_failed", "bad", { attempt: 1, kind: "auth", message: "bad key", retryable: false })
      (910, "step.failed", "bad", { attempt: 1, reason: "auth: bad key", kind: "auth", attempts: 1 })
      (920, "step.cancelled", FLOW_STEP_KEY, { reason: "not every step succeeded" })
      (920, "run.failed", null, { reason: "1 of 2 steps failed: bad (auth: bad key)" });
    const t = buildTimeline(run("running"), events);
    expect(t.status).toBe("failed");
    expect(t.live).toBe(false);
    expect(t.error).toBe("1 of 2 steps failed: bad (auth: bad key)");
    const bad = t.steps.find((s) => s.key === "bad")!;
    expect(bad.status).toBe("failed");
    expect(bad.error).toBe("auth: bad key");
    expect(bad.durationMs).toBe(900);
    expect(bad.ariaLabel).toBe("bad: failed after 900 ms, 1 attempt");
    const flow = t.steps.find((s) => s.isFlow)!;
    expect(flow.status).toBe("cancelled");
  });

  it("closes every phase of a cancelled run, including steps that never started", () => {
    const { events, ev } = log();
    ev(0, "run.queued")(0, "step.queued", "a", { position: 0 })(0, "step.queued", "b", { position: 1 })(20, "step.started", "a", { attempt: 1 })
      (100, "step.cancelled", "a", { reason: "run cancelled" })(100, "step.cancelled", "b", { reason: "run cancelled" })(100, "run.cancelled", null, { by: "Ada" });
    const t = buildTimeline(run("cancelled", { error: "Cancelled." }), events);
    expect(t.status).toBe("cancelled");
    expect(t.error).toBe("Cancelled.");
    expect(t.steps.map((s) => s.status)).toEqual(["cancelled", "cancelled"]);
    for (const s of t.steps) expect(s.segments.every((seg) => seg.end !== null)).toBe(true);
    expect(t.steps[1].ariaLabel).toBe("b: cancelled");
    expect(t.steps[1].segments).toEqual([{ kind: "queued", start: T0, end: T0 + 100 }]);
  });

  it("keeps open phases open while the run goes on and measures them against now", () => {
    const { events, ev } = log();
    ev(0, "run.queued")(0, "step.queued", "a", { position: 0 })(0, "step.queued", "b", { position: 1 })(0, "run.started")(100, "step.started", "a", { attempt: 1 })(150, "token", "a", { attempt: 1, text: "x" });
    const t = buildTimeline(run("running"), events, { now: T0 + 2600 });
    expect(t.live).toBe(true);
    expect(t.endMs).toBe(T0 + 2600);
    const [a, b] = t.steps;
    expect(a.status).toBe("running");
    expect(a.segments[1]).toEqual({ kind: "running", start: T0 + 100, end: null, attempt: 1 });
    expect(a.durationMs).toBeNull();
    expect(a.elapsedMs).toBe(2500);
    expect(a.ariaLabel).toBe("a: running for 2.5 s, 1 attempt");
    expect(b.status).toBe("queued");
    expect(b.ariaLabel).toBe("b: queued");
  });

  it("applies events by seq, drops duplicates, and orders steps by position", () => {
    const { events, ev } = log();
    ev(0, "step.queued", "second", { position: 1 })(0, "step.queued", "first", { position: 0 })(10, "step.started", "first", { attempt: 1 })(20, "step.succeeded", "first", {});
    const shuffled = [events[3], events[1], events[0], events[2], events[1], events[3]];
    const t = buildTimeline(run("running"), shuffled, { now: T0 + 30 });
    expect(t.steps.map((s) => s.key)).toEqual(["first", "second"]);
    expect(t.steps[0].status).toBe("succeeded");
    expect(t.steps[0].events.map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(t.lastSeq).toBe(4);
  });

  it("falls back to the stored steps while events are missing", () => {
    const stored = (key: string, position: number, status: string, extra: object = {}) => ({
      key, position, dependsOn: [], status, attempts: 0, error: null, inputTokens: 0, outputTokens: 0, costUsd: 0,
      queuedAt: iso(0), startedAt: null, finishedAt: null, ...extra,
    });
    const t = buildTimeline(
      run("succeeded", {
        finishedAt: iso(3000),
        steps: [
          stored("b", 1, "succeeded", { attempts: 2, startedAt: iso(100), finishedAt: iso(2100), inputTokens: 5, outputTokens: 6, costUsd: 0.01 }),
          stored("a", 0, "succeeded", { attempts: 1, startedAt: iso(50), finishedAt: iso(1050) }),
        ],
      }),
      [],
    );
    expect(t.steps.map((s) => s.key)).toEqual(["a", "b"]);
    expect(t.steps[1]).toMatchObject({ status: "succeeded", attempts: 2, durationMs: 2000, inputTokens: 5, outputTokens: 6, costUsd: 0.01 });
    expect(t.steps[1].segments).toEqual([
      { kind: "queued", start: T0, end: T0 + 100 },
      { kind: "running", start: T0 + 100, end: T0 + 2100, attempt: 2 },
    ]);
    expect(t.steps[1].ariaLabel).toBe("b: succeeded in 2.0 s, 2 attempts");
    expect(t.totals.inputTokens).toBe(5);
    expect(t.endMs).toBe(T0 + 3000);
  });

  it("draws a live step known only from storage, next to steps that have events", () => {
    const { events, ev } = log();
    ev(0, "run.queued")(0, "step.queued", "a", { position: 0 })(50, "step.started", "a", { attempt: 1 });
    const stored = [
      { key: "a", position: 0, dependsOn: [], status: "running", attempts: 1, error: null, inputTokens: 0, outputTokens: 0, costUsd: 0, queuedAt: iso(0), startedAt: iso(50), finishedAt: null },
      { key: "b", position: 1, dependsOn: [], status: "running", attempts: 1, error: null, inputTokens: 0, outputTokens: 0, costUsd: 0, queuedAt: iso(0), startedAt: iso(70), finishedAt: null },
    ];
    const t = buildTimeline(run("running", { steps: stored }), events, { now: T0 + 1000 });
    const b = t.steps[1];
    expect(b.status).toBe("running");
    expect(b.segments).toEqual([
      { kind: "queued", start: T0, end: T0 + 70 },
      { kind: "running", start: T0 + 70, end: null, attempt: 1 },
    ]);
    expect(b.elapsedMs).toBe(930);
  });

  it("trusts a final status from the stored steps over a stale one in the events", () => {
    const { events, ev } = log();
    ev(0, "step.queued", "a", { position: 0 })(10, "step.started", "a", { attempt: 1 });
    const t = buildTimeline(
      run("cancelled", {
        finishedAt: iso(500),
        steps: [{ key: "a", position: 0, dependsOn: [], status: "cancelled", attempts: 1, error: null, inputTokens: 0, outputTokens: 0, costUsd: 0, queuedAt: iso(0), startedAt: iso(10), finishedAt: iso(400) }],
      }),
      events,
    );
    expect(t.steps[0].status).toBe("cancelled");
    expect(t.steps[0].finishedAt).toBe(T0 + 400);
    expect(t.steps[0].segments.every((s) => s.end !== null)).toBe(true);
  });

  it("builds 5,000 events across 25 steps in a few milliseconds", () => {
    const { events, ev } = log();
    const keys = Array.from({ length: 25 }, (_, i) => `step_${i}`);
    ev(0, "run.queued");
    keys.forEach((k, i) => ev(0, "step.queued", k, { position: i }));
    ev(0, "step.queued", FLOW_STEP_KEY, { position: 25 })(1, "run.started");
    let ms = 10;
    for (const k of keys) {
      ev(ms, "step.started", k, { attempt: 1 })(ms + 1, "llm.call_started", k, { attempt: 1, prompt: "p".repeat(2000) });
      for (let j = 0; j < 194; j++) ev(ms + 2 + j, "token", k, { attempt: 1, text: "line of code\n" });
      ev(ms + 195, "llm.call_finished", k, { attempt: 1, inputTokens: 500, outputTokens: 600 })(ms + 196, "module.written", k, { path: `${k}.py`, role: "module" })(ms + 197, "step.succeeded", k, { inputTokens: 500, outputTokens: 600, costUsd: 0 });
      ms += 100;
    }
    ev(ms + 300, "step.succeeded", FLOW_STEP_KEY, { scaffolded: true })(ms + 300, "run.succeeded");
    expect(events.length).toBeGreaterThanOrEqual(5000);

    buildTimeline(run("succeeded"), events); // warm up
    const started = performance.now();
    const rounds = 10;
    let t = buildTimeline(run("succeeded"), events);
    for (let i = 1; i < rounds; i++) t = buildTimeline(run("succeeded"), events);
    const perBuild = (performance.now() - started) / rounds;

    expect(t.steps).toHaveLength(26);
    expect(t.steps.every((s) => s.status === "succeeded")).toBe(true);
    expect(t.steps[0].tokenChunks).toBe(194);
    expect(t.totals.inputTokens).toBe(25 * 500);
    expect(t.eventCount).toBe(events.length);
    expect(perBuild).toBeLessThan(50);
  });
});

describe("axisTicks", () => {
  it("picks round steps", () => {
    expect(axisTicks(0)).toEqual([0]);
    expect(axisTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(axisTicks(12_000)).toEqual([0, 2000, 4000, 6000, 8000, 10_000, 12_000]);
    const long = axisTicks(50 * 60_000);
    expect(long[1]).toBe(600_000);
    expect(long.length).toBeLessThanOrEqual(7);
  });
});

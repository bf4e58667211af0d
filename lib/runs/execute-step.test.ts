import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// Read at import time by lib/runs/retry-policy.ts and per call by execute-step: set before anything imports them.
vi.hoisted(() => {
  process.env.STUDIO_RETRY_BASE_MS = "50";
  process.env.STUDIO_STALL_TIMEOUT_MS = "500";
  process.env.STUDIO_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
});

import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { startWorker } from "@/lib/queue/worker";
import { stopBoss } from "@/lib/queue/boss";
import { triggerRun } from "@/lib/runs/trigger-run";
import { startFakeProvider, type FakeProvider } from "@/lib/llm/testing/fake-provider";
import { makeWorkspace, testDb } from "../../tests/helpers/db";
import {
  accessFor,
  addFakeProvider,
  ANSWER,
  factsFor,
  FOUR_STEP_IDS,
  makeSpecWithRevision,
  ONE_STEP_YAML,
  runFacts,
  setLimits,
  splitChunks,
  startStepFake,
  stepAnswer,
  waitForRun,
  type StepFake,
} from "../../tests/helpers/runs";

/**
 * Runs end to end in one process: the real trigger, the real pg-boss worker, the real AI SDK clients over HTTP to a
 * fake model server, and the real database. Every run is checked for the engine's invariants.
 */

let db: Db;
let worker: { stop(): Promise<void> };
let fake: StepFake;
let access: WorkspaceAccess;
let specId: string;
let providerId: string;

beforeAll(async () => {
  db = testDb();
  worker = await startWorker();
  fake = await startStepFake();
  const { ws, owner } = await makeWorkspace();
  access = await accessFor(db, ws.id, owner);
  await setLimits(db, ws.id, { maxConcurrentRuns: 50, runTriggersPerHour: 1000 });
  const provider = await addFakeProvider(db, access, fake.baseURL, { prices: { "fake-model": { inputPerMillion: 3, outputPerMillion: 15 } } });
  providerId = provider.id;
  specId = (await makeSpecWithRevision(db, access)).spec.id;
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await fake?.close();
});

beforeEach(() => fake.reset());

async function run(provider = providerId, id = specId) {
  const { run } = await triggerRun(db, access, { specId: id, provider });
  return waitForRun(db, run.id);
}

/** The invariants every finished run keeps, whatever happened on the way. */
async function checkInvariants(runId: string) {
  const f = await runFacts(db, runId);
  expect(f.gapless, `event seqs ${f.seqs.join(",")}`).toBe(true);
  expect(f.duplicatePaths).toEqual([]);
  expect(f.run.inputTokens).toBe(f.stepTotals.inputTokens);
  expect(f.run.outputTokens).toBe(f.stepTotals.outputTokens);
  expect(f.run.costUsd).toBeCloseTo(f.stepTotals.costUsd, 9);
  // What viewers saw streamed for the attempt that succeeded is exactly the answer the module was cut from.
  for (const [step, { attempt, response }] of f.responses) {
    expect(f.tokens.get(step)?.get(attempt), `tokens of ${step} attempt ${attempt}`).toBe(response);
    for (const m of f.modules.filter((x) => x.stepKey === step)) expect(response).toContain(m.content.trimEnd());
  }
  // A step's events end with its outcome: nothing more is written for it afterwards.
  for (const s of f.steps) {
    const own = f.events.filter((e) => e.stepKey === s.stepKey);
    const last = own.at(-1);
    if (s.status === "succeeded") expect(last?.type).toBe("step.succeeded");
    if (s.status === "failed") expect(last?.type).toBe("step.failed");
  }
  return f;
}

describe("a run with the offline scaffolder", () => {
  it("succeeds with a module and a test per step plus the flow, and streams what it stores", async () => {
    const r = await run("offline");
    expect(r.status).toBe("succeeded");
    const f = await checkInvariants(r.id);
    expect(f.modules).toHaveLength(FOUR_STEP_IDS.length * 2 + 1);
    expect(new Set(f.modules.map((m) => m.path)).size).toBe(f.modules.length);
    for (const id of FOUR_STEP_IDS) {
      expect(f.modules.filter((m) => m.stepKey === id).map((m) => m.role).sort()).toEqual(["module", "test"]);
    }
    expect(f.modules.filter((m) => m.role === "flow")).toHaveLength(1);
    expect(f.steps.every((s) => s.status === "succeeded")).toBe(true);
    expect(f.steps.filter((s) => s.stepKey !== "__flow__").every((s) => s.attempts === 1)).toBe(true);
    expect(f.run.inputTokens).toBeGreaterThan(0);
    expect(f.run.costUsd).toBe(0);
    expect(f.ofType("run.succeeded")[0].data).toMatchObject({ modules: f.modules.length });
    expect(f.events[0].type).toBe("run.queued");
    expect(f.events.at(-1)!.type).toBe("run.succeeded");
    // Every step module's content was streamed as tokens before it was stored.
    for (const m of f.modules.filter((x) => x.role !== "flow")) {
      expect([...(f.tokens.get(m.stepKey)?.values() ?? [])].join("")).toContain(m.content.trimEnd());
    }
  });
});

describe("a run against an OpenAI-compatible provider (real client, fake server)", () => {
  it("stores the model's code for every step", async () => {
    const r = await run();
    expect(r.status).toBe("succeeded");
    const f = await checkInvariants(r.id);
    expect(f.modules).toHaveLength(9);
    for (const id of FOUR_STEP_IDS) {
      const mod = f.modules.find((m) => m.stepKey === id && m.role === "module")!;
      expect(mod.path).toBe(factsFor(id).modulePath);
      expect(mod.content).toContain(`Step ${id}, written by the fake model (ok)`);
      expect(f.modules.find((m) => m.stepKey === id && m.role === "test")!.path).toBe(factsFor(id).testPath);
    }
    expect(fake.requests).toHaveLength(4);
    expect(f.run.inputTokens).toBeGreaterThan(0);
    expect(f.run.costUsd).toBeGreaterThan(0);
    const finished = f.ofType("llm.call_finished");
    expect(finished.every((e) => (e.data as { usageEstimated: boolean }).usageEstimated === false)).toBe(true);
  });

  it("waits as long as a 429's Retry-After asks, then succeeds", async () => {
    fake.script("validate_input", { type: "status", status: 429, retryAfter: 1 });
    const r = await run();
    expect(r.status).toBe("succeeded");
    const f = await checkInvariants(r.id);
    const retrying = f.ofType("step.retrying", "validate_input");
    expect(retrying).toHaveLength(1);
    const d = retrying[0].data as { delayMs: number; reason: string; kind: string; retryAfterMs: number };
    expect(d.kind).toBe("rate_limited");
    expect(d.reason).toMatch(/^rate_limited/);
    expect(d.retryAfterMs).toBe(1000);
    expect(d.delayMs).toBeGreaterThanOrEqual(1000);
    const reqs = fake.requestsFor("validate_input");
    expect(reqs).toHaveLength(2);
    expect(reqs[1].at - reqs[0].at).toBeGreaterThanOrEqual(1000);
    expect(f.steps.find((s) => s.stepKey === "validate_input")!.attempts).toBe(2);
    expect(f.modules).toHaveLength(9);
  });

  it("retries a 500 and succeeds", async () => {
    fake.script("send_welcome_email", { type: "status", status: 500 });
    const r = await run();
    expect(r.status).toBe("succeeded");
    const f = await checkInvariants(r.id);
    expect((f.ofType("step.retrying", "send_welcome_email")[0].data as { reason: string }).reason).toMatch(/^server_error/);
    expect(f.modules).toHaveLength(9);
  });

  it("fails a step after four 500s, fails the run naming it, and keeps the other steps' modules", async () => {
    const s500 = { type: "status", status: 500 } as const;
    fake.script("create_crm_account", s500, s500, s500, s500);
    const r = await run();
    expect(r.status).toBe("failed");
    const f = await checkInvariants(r.id);
    const step = f.steps.find((s) => s.stepKey === "create_crm_account")!;
    expect(step.status).toBe("failed");
    expect(step.attempts).toBe(4);
    expect(step.error).toMatch(/^server_error/);
    expect(f.ofType("step.retrying", "create_crm_account")).toHaveLength(3);
    expect(f.ofType("step.failed", "create_crm_account")[0].data).toMatchObject({ kind: "server_error", attempts: 4 });
    expect(r.error).toContain("create_crm_account");
    expect(r.error).toMatch(/1 of 4 steps failed/);
    expect(f.ofType("run.failed")[0].data).toMatchObject({ reason: r.error });
    expect(f.modules.filter((m) => m.stepKey === "create_crm_account")).toEqual([]);
    expect(f.modules.filter((m) => m.role === "flow")).toEqual([]);
    expect(new Set(f.modules.map((m) => m.stepKey))).toEqual(new Set(["validate_input", "send_welcome_email", "log_to_db"]));
    expect(f.modules).toHaveLength(6);
    expect(fake.requestsFor("create_crm_account")).toHaveLength(4);
    expect(f.steps.find((s) => s.stepKey === "__flow__")!.status).toBe("cancelled");
  });

  it("gives up on a stalled stream after the stall timeout and retries", async () => {
    fake.script("log_to_db", { type: "stall", afterChunks: 1, chunks: ["STALLED_PART "] });
    const r = await run();
    expect(r.status).toBe("succeeded");
    const f = await checkInvariants(r.id);
    const d = f.ofType("step.retrying", "log_to_db")[0].data as { kind: string; reason: string };
    expect(d.kind).toBe("timeout");
    expect(d.reason).toMatch(/^timeout: no chunk from the model for 500 ms/);
    const first = fake.requestsFor("log_to_db")[0];
    // The worker hung up on the stalled stream (it did not wait for the step timeout).
    expect(first.closedAt! - first.at).toBeGreaterThanOrEqual(450);
    expect(first.closedAt! - first.at).toBeLessThan(5000);
    const mod = f.modules.find((m) => m.stepKey === "log_to_db" && m.role === "module")!;
    expect(mod.content).not.toContain("STALLED_PART");
  });

  it("retries a stream cut mid-answer and stores only the retried answer, once", async () => {
    const partial = splitChunks(stepAnswer(factsFor("validate_input"), "CUT_ATTEMPT"), 12).slice(0, 4);
    fake.script("validate_input", { type: "cut", afterChunks: 4, chunks: partial }, ANSWER({ tag: "RETRIED" }));
    const r = await run();
    expect(r.status).toBe("succeeded");
    const f = await checkInvariants(r.id);
    const d = f.ofType("step.retrying", "validate_input")[0].data as { kind: string };
    expect(d.kind).toBe("stream_cut");
    // The cut attempt's text was streamed to viewers (as attempt 1)...
    expect(f.tokens.get("validate_input")!.get(1)).toBe(partial.join(""));
    // ...but the module is the retried answer alone: no partial text, one module marker's worth of code.
    const mod = f.modules.find((m) => m.stepKey === "validate_input" && m.role === "module")!;
    expect(mod.content).toContain("(RETRIED)");
    expect(mod.content).not.toContain("CUT_ATTEMPT");
    expect(mod.content.match(/def validate_input\(/g)).toHaveLength(1);
    expect(f.responses.get("validate_input")).toMatchObject({ attempt: 2 });
  });

  it("retries a malformed stream with a clear reason", async () => {
    fake.script("send_welcome_email", { type: "malformed", afterChunks: 2 });
    const r = await run();
    expect(r.status).toBe("succeeded");
    const f = await checkInvariants(r.id);
    const d = f.ofType("step.retrying", "send_welcome_email")[0].data as { kind: string; reason: string };
    expect(d.kind).toBe("malformed");
    expect(d.reason).toMatch(/^malformed: /);
    expect(f.modules.find((m) => m.stepKey === "send_welcome_email" && m.role === "module")!.content).not.toContain("part1");
  });

  it("retries an empty answer, and an answer without code, saying so", async () => {
    fake.script("create_crm_account", { type: "empty" }, { type: "stream", chunks: ["```python\n", "\n```\n"] });
    const r = await run();
    expect(r.status).toBe("succeeded");
    const f = await checkInvariants(r.id);
    const reasons = f.ofType("step.retrying", "create_crm_account").map((e) => (e.data as { reason: string }).reason);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/empty/);
    expect(reasons[1]).toMatch(/empty: .*no code/);
    expect(f.steps.find((s) => s.stepKey === "create_crm_account")!.attempts).toBe(3);
  });

  it("fails a step whose every answer is empty, naming the reason", async () => {
    const e = { type: "empty" } as const;
    fake.script("log_to_db", e, e, e, e);
    const r = await run();
    expect(r.status).toBe("failed");
    const f = await checkInvariants(r.id);
    expect(f.steps.find((s) => s.stepKey === "log_to_db")!.error).toMatch(/^empty: .*empty answer/);
    expect(r.error).toContain("log_to_db (empty:");
  });
});

describe("file paths", () => {
  it("stores each step's files at the paths its prompt asked for, whatever the answer's markers say", async () => {
    const answer = stepAnswer(factsFor("validate_input"), "hijack")
      .replace("# === module: steps/validate_input.py ===", "# === module: steps/create_crm_account.py ===")
      .replace("# === test: tests/test_validate_input.py ===", "# === test: ../../outside.py ===");
    fake.script("validate_input", { type: "stream", chunks: splitChunks(answer, 6) });
    const r = await run();
    const f = await runFacts(db, r.id);
    expect(f.modules.map((m) => m.path).filter((p) => p.includes(".."))).toEqual([]);
    expect(f.modules).toHaveLength(9);
    expect(f.modules.filter((m) => m.stepKey === "validate_input").map((m) => m.path).sort()).toEqual(["steps/validate_input.py", "tests/test_validate_input.py"]);
  });
});

describe("a run against the Anthropic client (fake /v1/messages)", () => {
  let anthropic: FakeProvider;
  beforeAll(async () => {
    anthropic = await startFakeProvider();
  });
  afterAll(() => anthropic?.close());

  it("streams and stores the answer", async () => {
    const { spec } = await makeSpecWithRevision(db, access, ONE_STEP_YAML);
    const provider = await addFakeProvider(db, access, anthropic.baseURL, { kind: "anthropic" });
    anthropic.script({ type: "stream", chunks: splitChunks(stepAnswer(factsFor("only_step"), "claude"), 8), usage: { inputTokens: 321, outputTokens: 123 } });
    const r = await run(provider.id, spec.id);
    expect(r.status).toBe("succeeded");
    const f = await checkInvariants(r.id);
    expect(anthropic.requests.map((q) => q.path)).toEqual(["/v1/messages"]);
    expect(anthropic.requests[0].headers["x-api-key"]).toBe("sk-fake-test-key-0123456789");
    expect(f.modules.map((m) => m.path).sort()).toEqual(["flow.py", "steps/only_step.py", "tests/test_only_step.py"]);
    expect(f.modules.find((m) => m.role === "module")!.content).toContain("(claude)");
    expect(f.run).toMatchObject({ inputTokens: 321, outputTokens: 123, providerKind: "anthropic", model: "claude-sonnet-4-5" });
  });
});

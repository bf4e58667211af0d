// Helpers for generation-run tests and the run benchmarks: a workspace with access, a spec with a valid revision,
// providers pointing at a local fake, a step-aware fake model server, and waits on runs.
//
// Env the run engine reads at import time (STUDIO_RETRY_BASE_MS, STUDIO_STEP_MAX_ATTEMPTS) must be set before
// lib/runs/* is imported: in a test file, set it in vi.hoisted(); see RUN_TEST_ENV.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Db } from "@/lib/db";
import { authorize, type WorkspaceAccess } from "@/lib/rbac/authorize";
import { createSpec } from "@/lib/specs/create-spec";
import { validateSpec } from "@/lib/specs/format";
import { createProvider } from "@/lib/providers/manage";
import { CUSTOMER_ONBOARDING_EXAMPLE } from "@/lib/specs/examples";
import { anthropicProtocol } from "@/lib/llm/testing/fake-anthropic";
import { openAIProtocol } from "@/lib/llm/testing/fake-openai";
import { respond, sendJson } from "@/lib/llm/testing/fake-respond";
import { estimateTokens, promptText, type FakeBehaviour } from "@/lib/llm/testing/fake-behaviours";

/** Env for run tests: fast retries, a short stall timeout, a fixed encryption key for provider keys. */
export const RUN_TEST_ENV = {
  STUDIO_RETRY_BASE_MS: "50",
  STUDIO_STALL_TIMEOUT_MS: "500",
  STUDIO_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
} as const;

/** The 4-step long-form example (python): a run writes 4 × (module + test) + the flow = 9 modules. */
export const FOUR_STEP_YAML = CUSTOMER_ONBOARDING_EXAMPLE;
export const FOUR_STEP_IDS = ["validate_input", "create_crm_account", "send_welcome_email", "log_to_db"] as const;
/** The same workflow in TypeScript: its files are checked in-process by the TypeScript compiler, not by python3. */
export const FOUR_STEP_TS_YAML = FOUR_STEP_YAML.replace("language: python", "language: typescript");

export const ONE_STEP_YAML = `workflow:
  name: one_step
  description: A single step, so every request to the model is for it.
  language: python
  steps:
    - id: only_step
      description: Return the payload it was given.
      inputs:
        - payload: dict
      outputs:
        - result: dict
`;

/** YAML that parses but does not validate (a step depends on a step that does not exist). */
export const INVALID_YAML = `workflow:
  name: broken
  steps:
    - id: a
      depends_on: [missing_step]
`;

export const FINAL_RUN_STATUSES = ["succeeded", "failed", "cancelled"];

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
let counter = 0;
const uniq = (p: string) => `${p}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A WorkspaceAccess for a member, through the real authorize(). */
export async function accessFor(db: Db, workspaceId: string, user: { id: string; email: string; name?: string | null }, scope: "run:trigger" | "run:cancel" | "run:read" = "run:trigger"): Promise<WorkspaceAccess> {
  return authorize(db, {
    principal: { kind: "user", userId: user.id, email: user.email, name: user.name ?? "Test User", sessionId: "x" } as never,
    meta: { ip: null, userAgent: null },
    scope,
    workspaceId,
  });
}

/** Set a workspace's run limits directly (tests and benches that start many runs). */
export async function setLimits(db: Db, workspaceId: string, limits: { maxConcurrentRuns?: number; runTriggersPerHour?: number; monthlyTokenBudget?: number | null }) {
  await db.workspace.update({ where: { id: workspaceId }, data: limits });
}

/**
 * A spec created through createSpec, plus a revision row inserted directly (saveRevision needs the collab room),
 * with the content's real validity and diagnostics. `valid: false` content is stored as an invalid revision.
 */
export async function makeSpecWithRevision(db: Db, access: WorkspaceAccess, yaml = FOUR_STEP_YAML, name = uniq("spec")) {
  const spec = await createSpec(db, access, { name, content: yaml, source: "blank" });
  const revision = await addRevision(db, access, spec.id, yaml);
  return { spec, revision };
}

export async function addRevision(db: Db, access: WorkspaceAccess, specId: string, yaml: string) {
  const { valid, diagnostics } = validateSpec(yaml);
  const last = await db.specRevision.findFirst({ where: { specId }, orderBy: { number: "desc" }, select: { number: true } });
  return db.specRevision.create({
    data: {
      specId,
      workspaceId: access.workspace.id,
      number: (last?.number ?? 0) + 1,
      content: yaml,
      contentHash: sha256(yaml),
      message: "test revision",
      valid,
      diagnostics: diagnostics as never,
      authorId: access.principal.userId,
      authorLabel: access.principal.email,
    },
  });
}

/** A provider (stored encrypted key) whose base URL is a local fake server. */
export async function addFakeProvider(
  db: Db,
  access: WorkspaceAccess,
  baseURL: string,
  opts: { kind?: "openai-compatible" | "openai" | "anthropic"; name?: string; models?: string[]; prices?: Record<string, { inputPerMillion: number; outputPerMillion: number }> } = {},
) {
  const kind = opts.kind ?? "openai-compatible";
  const models = opts.models ?? [kind === "anthropic" ? "claude-sonnet-4-5" : "fake-model"];
  return createProvider(db, access, {
    kind,
    name: opts.name ?? uniq(`fake-${kind}-`),
    baseUrl: baseURL,
    apiKey: "sk-fake-test-key-0123456789",
    models,
    defaultModel: models[0],
    prices: opts.prices ?? {},
    enabled: true,
  });
}

/** Poll until the run is succeeded, failed or cancelled; throws with its state after `timeoutMs`. */
export async function waitForRun(db: Db, runId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    if (FINAL_RUN_STATUSES.includes(run.status)) return run;
    if (Date.now() > deadline) {
      const steps = await db.runStep.findMany({ where: { runId }, select: { stepKey: true, status: true, attempts: true, error: true } });
      throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms: ${JSON.stringify(steps)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Poll until `fn` returns a truthy value. */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function runEvents(db: Db, runId: string) {
  return db.runEvent.findMany({ where: { runId }, orderBy: { seq: "asc" } });
}

// ─── A step-aware fake model server ──────────────────────────────────────────────────────────────────────────────
//
// The run's steps call the model concurrently, so a single scripted queue (startFakeProvider) cannot say which
// step gets which behaviour. This server speaks the same wire formats with the same code (the fake provider's
// protocol writers and respond()), but reads the step id out of each prompt and keeps one queue per step. With an
// empty queue a step gets a correct answer: one fenced block with the module and test markers the prompt asked for.

export interface StepRequest {
  stepId: string | null;
  path: string;
  behaviour: FakeBehaviour;
  at: number;
  /** when the response ended or the client went away */
  closedAt?: number;
}

export interface StepFake {
  url: string;
  /** what a provider's baseUrl is set to */
  baseURL: string;
  /** Queue behaviours for the next requests of this step (use answerChunks() to build a successful one). */
  script(stepId: string, ...behaviours: FakeBehaviour[]): void;
  requests: StepRequest[];
  requestsFor(stepId: string): StepRequest[];
  /** The answer a step gets when nothing is scripted, for the prompt of that step. */
  setDefaultDelay(ms: number): void;
  reset(): void;
  close(): Promise<void>;
}

/** All strings inside a JSON body, joined: the prompt text, whatever the protocol nests it in. */
function bodyText(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => bodyText(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => bodyText(x, out));
  return out;
}

export interface PromptFacts {
  stepId: string;
  language: "python" | "typescript";
  modulePath: string;
  testPath: string;
}

/** What the step prompt (lib/llm/prompt-build.ts) asks for: step id, and the module and test paths. */
export function promptFacts(text: string): PromptFacts | null {
  const id = /<spec_step>\nid: ([^\s]+)/.exec(text)?.[1];
  const reply = /Reply with one `{3,}(python|typescript) block: `(?:#|\/\/) === module: (\S+) ===`.*?`(?:#|\/\/) === test: (\S+) ===`/.exec(text);
  if (!id || !reply) return null;
  return { stepId: id, language: reply[1] as "python" | "typescript", modulePath: reply[2], testPath: reply[3] };
}

/** A plausible, syntactically valid answer for a step, tagged so tests can find it in modules and tokens. */
export function stepAnswer(f: PromptFacts, tag = "ok"): string {
  if (f.language === "python") {
    const mod = f.modulePath.replace(/\.py$/, "").replace(/\//g, ".");
    return [
      "```python",
      `# === module: ${f.modulePath} ===`,
      `"""Step ${f.stepId}, written by the fake model (${tag})."""`,
      "",
      "",
      `def ${f.stepId}(data: dict) -> dict:`,
      `    if not isinstance(data, dict):`,
      `        raise ValueError("data must be a dict")`,
      `    return {"step": "${f.stepId}", "tag": "${tag}"}`,
      "",
      `# === test: ${f.testPath} ===`,
      `import pytest`,
      `from ${mod} import ${f.stepId}`,
      "",
      "",
      `def test_${f.stepId}_returns_its_name():`,
      `    assert ${f.stepId}({})["step"] == "${f.stepId}"`,
      "",
      "",
      `def test_${f.stepId}_rejects_non_dicts():`,
      `    with pytest.raises(ValueError):`,
      `        ${f.stepId}(None)  # type: ignore[arg-type]`,
      "```",
      "",
    ].join("\n");
  }
  const fn = f.stepId.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return [
    "```typescript",
    `// === module: ${f.modulePath} ===`,
    `/** Step ${f.stepId}, written by the fake model (${tag}). */`,
    `export function ${fn}(data: Record<string, unknown>): Record<string, unknown> {`,
    `  if (typeof data !== "object" || data === null) throw new TypeError("data must be an object");`,
    `  return { step: "${f.stepId}", tag: "${tag}" };`,
    `}`,
    "",
    `// === test: ${f.testPath} ===`,
    `import { describe, expect, it } from "vitest";`,
    `import { ${fn} } from "../${f.modulePath.replace(/\.ts$/, ".js")}";`,
    "",
    `describe("${f.stepId}", () => {`,
    `  it("returns its name", () => expect(${fn}({}).step).toBe("${f.stepId}"));`,
    `});`,
    "```",
    "",
  ].join("\n");
}

/** Split text into `n` roughly equal chunks (at least one character each). */
export function splitChunks(text: string, n: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / n));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A successful streamed answer for a step, as a scripted behaviour. */
export function answerBehaviour(f: PromptFacts, opts: { tag?: string; chunks?: number; delayMs?: number } = {}): FakeBehaviour {
  return { type: "stream", chunks: splitChunks(stepAnswer(f, opts.tag), opts.chunks ?? 12), delayMs: opts.delayMs };
}

/** Placeholder in scripted behaviours: replaced by the step's real answer (with `tag`) when the request arrives. */
export const ANSWER = (opts: { tag?: string; chunks?: number; delayMs?: number } = {}): FakeBehaviour =>
  ({ type: "stream", chunks: [], __answer: opts }) as unknown as FakeBehaviour;

export async function startStepFake(opts: { defaultDelayMs?: number; defaultChunks?: number } = {}): Promise<StepFake> {
  const queues = new Map<string, FakeBehaviour[]>();
  const requests: StepRequest[] = [];
  const sockets = new Set<Socket>();
  let defaultDelay = opts.defaultDelayMs ?? 0;
  let n = 0;

  const readBody = async (req: IncomingMessage) => {
    const parts: Buffer[] = [];
    for await (const p of req) parts.push(p as Buffer);
    return Buffer.concat(parts).toString("utf8");
  };

  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      // not JSON: answered below as a bad request
    }
    const isAnthropic = req.method === "POST" && path.endsWith("/messages");
    const isOpenAI = req.method === "POST" && path.endsWith("/chat/completions");
    const protocol = isAnthropic ? anthropicProtocol() : openAIProtocol(() => (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true);
    if (req.method === "GET" && path.endsWith("/models")) return sendJson(res, 200, protocol.models());
    if (!isAnthropic && !isOpenAI) return sendJson(res, 404, { error: { message: `step fake: no route ${req.method} ${path}` } });
    const facts = promptFacts(bodyText(body).join("\n"));
    const queue = facts ? queues.get(facts.stepId) : undefined;
    let behaviour: FakeBehaviour | undefined = queue?.shift();
    const placeholder = (behaviour as unknown as { __answer?: { tag?: string; chunks?: number; delayMs?: number } } | undefined)?.__answer;
    if (facts && (!behaviour || placeholder)) behaviour = answerBehaviour(facts, { chunks: opts.defaultChunks, delayMs: defaultDelay, ...placeholder });
    behaviour ??= { type: "status", status: 400, body: protocol.errorBody(400, "step fake: the prompt names no step") };
    const record: StepRequest = { stepId: facts?.stepId ?? null, path, behaviour, at: Date.now() };
    requests.push(record);
    res.on("close", () => (record.closedAt = Date.now()));
    n += 1;
    const ctx = {
      id: isAnthropic ? `msg_step_${n}` : `chatcmpl-step-${n}`,
      model: typeof body.model === "string" ? body.model : "fake-model",
      created: 1_700_000_000,
      inputTokens: estimateTokens(promptText(body)),
    };
    try {
      await respond(res, protocol, behaviour, ctx, body.stream === true);
    } catch {
      res.destroy();
    }
  });
  server.on("connection", (s) => {
    s.setNoDelay(true);
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  if (!addr || typeof addr === "string") throw new Error("step fake: no address");
  const url = `http://127.0.0.1:${addr.port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    script(stepId, ...behaviours) {
      const q = queues.get(stepId) ?? [];
      q.push(...behaviours);
      queues.set(stepId, q);
    },
    requests,
    requestsFor: (stepId) => requests.filter((r) => r.stepId === stepId),
    setDefaultDelay(ms) {
      defaultDelay = ms;
    },
    reset() {
      queues.clear();
      requests.length = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Facts for a step of the 4-step example or the one-step spec, without a prompt (paths follow lib/llm/scaffolder/names). */
export function factsFor(stepId: string, language: "python" | "typescript" = "python"): PromptFacts {
  return language === "python"
    ? { stepId, language, modulePath: `steps/${stepId}.py`, testPath: `tests/test_${stepId}.py` }
    : { stepId, language, modulePath: `src/steps/${stepId}.ts`, testPath: `tests/${stepId}.test.ts` };
}

/** Everything a test asserts about a finished run, read back from the database (no assertions here). */
export async function runFacts(db: Db, runId: string) {
  const [run, steps, events, modules] = await Promise.all([
    db.run.findUniqueOrThrow({ where: { id: runId } }),
    db.runStep.findMany({ where: { runId }, orderBy: { position: "asc" } }),
    runEvents(db, runId),
    db.module.findMany({ where: { runId }, orderBy: { path: "asc" } }),
  ]);
  const seqs = events.map((e) => e.seq);
  const data = (e: (typeof events)[number]) => e.data as Record<string, unknown>;
  /** streamed text per step and attempt, in seq order */
  const tokens = new Map<string, Map<number, string>>();
  for (const e of events) {
    if (e.type !== "token" || !e.stepKey) continue;
    const byAttempt = tokens.get(e.stepKey) ?? new Map<number, string>();
    const a = Number(data(e).attempt);
    byAttempt.set(a, (byAttempt.get(a) ?? "") + String(data(e).text));
    tokens.set(e.stepKey, byAttempt);
  }
  /** the answer of each step's successful call, as llm.call_finished recorded it */
  const responses = new Map<string, { attempt: number; response: string }>();
  for (const e of events) if (e.type === "llm.call_finished" && e.stepKey) responses.set(e.stepKey, { attempt: Number(data(e).attempt), response: String(data(e).response) });
  const sum = (k: "inputTokens" | "outputTokens" | "costUsd") => steps.reduce((a, s) => a + s[k], 0);
  return {
    run,
    steps,
    events,
    modules,
    seqs,
    gapless: seqs.every((s, i) => s === i + 1) && run.eventSeq === seqs.length,
    duplicatePaths: modules.map((m) => m.path).filter((p, i, all) => all.indexOf(p) !== i),
    stepTotals: { inputTokens: sum("inputTokens"), outputTokens: sum("outputTokens"), costUsd: sum("costUsd") },
    tokens,
    responses,
    ofType: (type: string, stepKey?: string) => events.filter((e) => e.type === type && (stepKey === undefined || e.stepKey === stepKey)),
  };
}

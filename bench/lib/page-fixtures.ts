// Fixtures of the page benchmarks (run page, review page), written straight into the bench database: a finished run
// whose steps, event log, modules, threads and decisions look like what the engine and reviewers write, built from the
// product's own spec validator, prompt builder and offline scaffolder, and inserted in bulk (multi-row INSERTs).
import { createHash } from "node:crypto";
import { getDb, type Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/audit/actor";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { validateSpec } from "@/lib/specs/format";
import type { Spec } from "@/lib/specs/types";
import { buildStepPrompt } from "@/lib/llm/prompt-build";
import { scaffoldAnswer, scaffoldFlow, scaffoldStep } from "@/lib/llm/scaffolder/generate";
import { stepHash } from "@/lib/review/step-hash";
import { FLOW_STEP_KEY } from "@/lib/runs/schemas";
import { accessFor, addRevision } from "../../tests/helpers/runs";
import { createSpec } from "@/lib/specs/create-spec";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const VERBS = ["load", "validate", "enrich", "score", "route", "price", "reserve", "charge", "notify", "archive"];
const NOUNS = ["order", "customer", "invoice", "shipment", "ticket", "payment", "account", "report"];

/** A valid python spec of `n` steps, four at a time (each step depends on the one four places before it). */
export function benchSpecYaml(n: number, tweak = ""): string {
  const ids = Array.from({ length: n }, (_, i) => `${VERBS[i % VERBS.length]}_${NOUNS[i % NOUNS.length]}_${String(i + 1).padStart(2, "0")}`);
  const steps = ids.map((id, i) => {
    const noun = NOUNS[i % NOUNS.length];
    const dep = i >= 4 ? `[${ids[i - 4]}]` : "[]";
    return `    - id: ${id}
      description: |
        ${VERBS[i % VERBS.length]} the ${noun} given by the previous step and return it with its status.
        Refuse input without an id, and say which field was missing.${i === 0 ? tweak : ""}
      inputs:
        - ${noun}_id: str
        - ${noun}: dict
      outputs:
        - name: result
          type: dict
          description: the ${noun} after this step
      depends_on: ${dep}
      acceptance:
        - rejects a ${noun} without an id
        - keeps every field it does not change
        - records the step's status`;
  });
  return `workflow:\n  name: bench_pipeline_${n}\n  description: A long pipeline for the page benchmarks.\n  language: python\n  steps:\n${steps.join("\n\n")}\n`;
}

export interface PageBenchUser {
  id: string;
  email: string;
  name: string;
}

export interface PageBenchWorkspace {
  db: Db;
  owner: PageBenchUser;
  reviewers: PageBenchUser[];
  workspaceId: string;
  slug: string;
}

/** An owner (who triggers the runs and looks at the pages) and three reviewers, in a fresh workspace. */
export async function makePageBenchWorkspace(label: string): Promise<PageBenchWorkspace> {
  const db = getDb();
  const tag = `${label}${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");
  const owner = await db.user.create({ data: { email: `${tag}@bench.test`, name: "Bench Owner" } });
  const ws = await createWorkspace(db, { userId: owner.id, actor: SYSTEM_ACTOR, input: { name: tag, slug: tag } });
  const reviewers: PageBenchUser[] = [];
  for (const name of ["Alice Archer", "Bob Baker", "Carol Cole"]) {
    const u = await db.user.create({ data: { email: `${name.split(" ")[0].toLowerCase()}-${tag}@bench.test`, name } });
    await db.membership.create({ data: { workspaceId: ws.id, userId: u.id, role: "reviewer" } });
    reviewers.push({ id: u.id, email: u.email, name: u.name });
  }
  return { db, owner: { id: owner.id, email: owner.email, name: owner.name }, reviewers, workspaceId: ws.id, slug: ws.slug };
}

/** Rows in chunks of `size`, one multi-row INSERT each (the embedded database's socket cannot carry COPY). */
async function insertRows(db: Db, table: string, columns: string[], casts: string[], rows: unknown[][], size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    // "ts": a Date into a `timestamp` column, which Prisma fills with UTC wall-clock time.
    const param = (r: number, c: number) => {
      const p = `$${r * columns.length + c + 1}`;
      return casts[c] === "ts" ? `(${p}::timestamptz AT TIME ZONE 'UTC')` : `${p}${casts[c]}`;
    };
    const values = chunk.map((_, r) => `(${columns.map((__, c) => param(r, c)).join(", ")})`).join(", ");
    await db.$executeRawUnsafe(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values}`, ...chunk.flat());
  }
}

const cuidish = (prefix: string, i: number) => `${prefix}${Date.now().toString(36)}${i.toString(36).padStart(4, "0")}${Math.random().toString(36).slice(2, 8)}`;

interface EventRow {
  type: string;
  step: string | null;
  at: number;
  data: unknown;
}

export interface BenchRun {
  runId: string;
  specId: string;
  spec: Spec;
  stepKeys: string[];
  /** seq of the run's last event (run.succeeded) */
  lastSeq: number;
  events: number;
  retries: number;
  modules: { id: string; path: string; stepKey: string; role: string; lines: number }[];
}

/**
 * A finished (succeeded) run of `spec` with its stored steps and full event log: queued → started → model call with
 * its prompt → streamed answer as token events → call finished → modules written → succeeded, steps four at a time;
 * `retrySteps` steps fail their first call (429) and succeed on the second. Token events are sized so that the log
 * has `targetEvents` events in all (at least one chunk per step).
 */
export async function insertFinishedRun(
  ws: PageBenchWorkspace,
  specYaml: string,
  opts: { targetEvents: number; retrySteps: number; specName?: string; extraRevisionYaml?: string },
): Promise<BenchRun> {
  const { db } = ws;
  const access = await accessFor(db, ws.workspaceId, ws.owner);
  const specRow = await createSpec(db, access, { name: opts.specName ?? `bench-spec-${Date.now().toString(36)}`, content: specYaml, source: "blank" });
  const revision = await addRevision(db, access, specRow.id, specYaml);
  const { spec, diagnostics } = validateSpec(specYaml);
  if (!spec) throw new Error(`bench spec does not validate: ${JSON.stringify(diagnostics).slice(0, 500)}`);
  const keys = spec.steps.map((s) => s.id);
  const retryKeys = new Set(keys.slice(1, 1 + opts.retrySteps));

  const fixedPerStep = 7; // step.queued, step.started, llm.call_started, llm.call_finished, 2 × module.written, step.succeeded
  const fixed = keys.length * fixedPerStep + retryKeys.size * 4 + 6; // + retries; + run.queued/started/succeeded, flow queued/written/succeeded
  const tokensPerStep = Math.max(1, Math.floor((opts.targetEvents - fixed) / keys.length));
  let tokenRemainder = Math.max(0, opts.targetEvents - fixed - tokensPerStep * keys.length);

  const t0 = Date.now() - 10 * 60_000;
  const events: EventRow[] = [];
  const add = (type: string, step: string | null, at: number, data: unknown) => events.push({ type, step, at, data });
  add("run.queued", null, t0, { revision: revision.number, provider: "Bench model", model: "bench-model-1", parameters: { temperature: 0.2, maxOutputTokens: 4000 }, carriedOver: [] });
  keys.forEach((k, i) => add("step.queued", k, t0 + 5, { position: i, dependsOn: spec.steps[i].dependsOn }));
  add("step.queued", FLOW_STEP_KEY, t0 + 5, { position: keys.length, dependsOn: keys });
  add("run.started", null, t0 + 40, {});

  const stepRows: unknown[][] = [];
  const moduleRows: unknown[][] = [];
  const modules: BenchRun["modules"] = [];
  const finishedAt = new Map<string, number>();
  let totalIn = 0;
  let totalOut = 0;
  let endAt = t0;
  const runId = cuidish("run", 0);
  for (const [i, step] of spec.steps.entries()) {
    const after = step.dependsOn.map((d) => finishedAt.get(d) ?? t0).reduce((a, b) => Math.max(a, b), t0 + 40);
    let at = after + 30;
    const prompt = buildStepPrompt(spec, step.id);
    const answer = scaffoldAnswer(spec, step.id);
    const inputTokens = Math.ceil((prompt.system.length + prompt.user.length) / 4);
    const outputTokens = Math.ceil(answer.length / 4);
    let attempt = 1;
    const callStarted = () => add("llm.call_started", step.id, at, { attempt, provider: "Bench model", model: "bench-model-1", system: prompt.system, prompt: prompt.user, parameters: { temperature: 0.2, maxOutputTokens: 4000 } });
    add("step.started", step.id, at, { attempt });
    callStarted();
    if (retryKeys.has(step.id)) {
      at += 900;
      add("llm.call_failed", step.id, at, { attempt, kind: "rate_limited", message: "429 Too Many Requests: slow down", statusCode: 429, retryable: true });
      add("step.retrying", step.id, at + 2, { attempt, nextAttempt: 2, delayMs: 1500, reason: "rate limited (429), retry after 1.5 s", kind: "rate_limited", retryAfterMs: 1500 });
      at += 1500;
      attempt = 2;
      add("step.started", step.id, at, { attempt });
      callStarted();
    }
    const firstTokenAt = at + 350;
    const chunks = tokensPerStep + (tokenRemainder > 0 ? 1 : 0);
    if (tokenRemainder > 0) tokenRemainder--;
    const size = Math.ceil(answer.length / chunks);
    for (let c = 0; c < chunks; c++) add("token", step.id, firstTokenAt + c * 20, { attempt, text: answer.slice(c * size, (c + 1) * size) });
    at = firstTokenAt + chunks * 20 + 10;
    add("llm.call_finished", step.id, at, { attempt, model: "bench-model-1", inputTokens, outputTokens, costUsd: (inputTokens * 3 + outputTokens * 15) / 1e6, timeToFirstTokenMs: 350, durationMs: at - firstTokenAt + 350, finishReason: "stop", usageEstimated: false, truncated: false });
    const files = scaffoldStep(spec, step.id);
    for (const f of [files.module, files.test]) {
      const findings = i % 7 === 3 && f.kind === "step" ? [{ line: 3, severity: "warning", rule: "hardcoded-secret", message: "Looks like a hard-coded secret." }] : [];
      const id = cuidish("mod", moduleRows.length);
      moduleRows.push([id, runId, ws.workspaceId, step.id, f.kind === "step" ? "module" : "test", f.path, "python", f.content, sha256(f.content), JSON.stringify(findings), stepHash(spec, step.id), new Date(at)]);
      modules.push({ id, path: f.path, stepKey: step.id, role: f.kind === "step" ? "module" : "test", lines: f.content.replace(/\n$/, "").split("\n").length });
      add("module.written", step.id, at + 5, { path: f.path, role: f.kind === "step" ? "module" : "test", findings: findings.length });
    }
    at += 12;
    add("step.succeeded", step.id, at, { attempt, inputTokens, outputTokens, costUsd: (inputTokens * 3 + outputTokens * 15) / 1e6 });
    finishedAt.set(step.id, at);
    endAt = Math.max(endAt, at);
    totalIn += inputTokens;
    totalOut += outputTokens;
    stepRows.push([cuidish("stp", i), runId, step.id, i, step.dependsOn, "succeeded", attempt, null, inputTokens, outputTokens, (inputTokens * 3 + outputTokens * 15) / 1e6, new Date(t0 + 5), new Date(after + 30), new Date(at)]);
  }
  const flow = scaffoldFlow(spec);
  const flowId = cuidish("mod", moduleRows.length);
  moduleRows.push([flowId, runId, ws.workspaceId, FLOW_STEP_KEY, "flow", flow.path, "python", flow.content, sha256(flow.content), "[]", stepHash(spec, FLOW_STEP_KEY), new Date(endAt + 20)]);
  modules.push({ id: flowId, path: flow.path, stepKey: FLOW_STEP_KEY, role: "flow", lines: flow.content.replace(/\n$/, "").split("\n").length });
  stepRows.push([cuidish("stp", keys.length), runId, FLOW_STEP_KEY, keys.length, keys, "succeeded", 1, null, 0, 0, 0, new Date(t0 + 5), new Date(endAt + 10), new Date(endAt + 25)]);
  add("module.written", FLOW_STEP_KEY, endAt + 20, { path: flow.path, role: "flow", findings: 0 });
  add("step.succeeded", FLOW_STEP_KEY, endAt + 25, { scaffolded: true });
  add("run.succeeded", null, endAt + 30, { modules: modules.length });

  const last = await db.run.findFirst({ where: { workspaceId: ws.workspaceId }, orderBy: { number: "desc" }, select: { number: true } });
  await db.run.create({
    data: {
      id: runId,
      workspaceId: ws.workspaceId,
      number: (last?.number ?? 0) + 1,
      specId: specRow.id,
      specName: specRow.name,
      revisionId: revision.id,
      revisionNumber: revision.number,
      revisionHash: revision.contentHash,
      status: "succeeded",
      providerKind: "openai-compatible",
      providerName: "Bench model",
      model: "bench-model-1",
      parameters: { temperature: 0.2, maxOutputTokens: 4000 },
      language: "python",
      triggeredById: ws.owner.id,
      triggeredByLabel: ws.owner.email,
      inputTokens: totalIn,
      outputTokens: totalOut,
      costUsd: (totalIn * 3 + totalOut * 15) / 1e6,
      eventSeq: events.length,
      createdAt: new Date(t0),
      startedAt: new Date(t0 + 40),
      finishedAt: new Date(endAt + 30),
    },
  });
  await insertRows(
    db,
    "run_steps",
    ["id", "run_id", "step_key", "position", "depends_on", "status", "attempts", "error", "input_tokens", "output_tokens", "cost_usd", "queued_at", "started_at", "finished_at"],
    ["", "", "", "::int", "::text[]", "", "::int", "", "::int", "::int", "::float8", "ts", "ts", "ts"],
    stepRows,
  );
  await insertRows(
    db,
    "run_events",
    ["run_id", "seq", "type", "step_key", "data", "created_at"],
    ["", "::int", "", "", "::jsonb", "::timestamptz"],
    events.map((e, i) => [runId, i + 1, e.type, e.step, JSON.stringify(e.data), new Date(e.at)]),
  );
  await insertRows(
    db,
    "modules",
    ["id", "run_id", "workspace_id", "step_key", "role", "path", "language", "content", "content_hash", "findings", "step_hash", "created_at"],
    ["", "", "", "", "", "", "", "", "", "::jsonb", "", "ts"],
    moduleRows,
  );
  // A later revision (one step reworded) makes that step's modules stale, as happens once a spec moves on.
  if (opts.extraRevisionYaml) await addRevision(db, access, specRow.id, opts.extraRevisionYaml);
  return { runId, specId: specRow.id, spec, stepKeys: [...keys, FLOW_STEP_KEY], lastSeq: events.length, events: events.length, retries: retryKeys.size, modules };
}

/** Ordered the way the review page's tree orders them: by step, module before test, the flow last. */
export function treeOrder(run: BenchRun): BenchRun["modules"] {
  const rank = (m: BenchRun["modules"][number]) => run.stepKeys.indexOf(m.stepKey) * 10 + (m.role === "module" ? 0 : m.role === "test" ? 1 : 2);
  return [...run.modules].sort((a, b) => rank(a) - rank(b));
}

export interface CommentPlan {
  /** per module id: threads (root + replies) it got */
  threads: Map<string, number>;
  comments: Map<string, number>;
  total: number;
}

/**
 * `total` review comments spread evenly over the run's modules (the flow included): threads of a root and one to
 * three replies on lines of the file, some resolved, some @mentioning a reviewer; and decisions on every other
 * module after the first two (so the first file in the tree is still pending and is the one the page opens).
 */
export async function insertReviewActivity(ws: PageBenchWorkspace, run: BenchRun, total: number): Promise<CommentPlan> {
  const { db } = ws;
  const people = [ws.owner, ...ws.reviewers];
  const ordered = treeOrder(run);
  const rows: unknown[][] = [];
  const threads = new Map<string, number>();
  const comments = new Map<string, number>();
  const base = Date.now() - 5 * 60_000;
  let n = 0;
  const per = Math.floor(total / ordered.length);
  let extra = total - per * ordered.length;
  for (const [mi, m] of ordered.entries()) {
    let left = per + (extra-- > 0 ? 1 : 0);
    let t = 0;
    while (left > 0) {
      const size = Math.min(left, 1 + ((mi + t) % 4)); // a root and 0–3 replies
      const line = 1 + ((t * 7 + mi) % m.lines);
      const rootId = cuidish("cmt", n);
      const resolved = t % 3 === 2;
      for (let r = 0; r < size; r++) {
        const author = people[(t + r) % people.length];
        const mention = r === 0 && t % 4 === 1 ? ` @${ws.reviewers[0].name.replace(/\s+/g, "")}` : "";
        const body =
          r === 0
            ? `Line ${line}: this should say which field was missing, and the error needs the ${m.stepKey} context.${mention}`
            : `Agreed — ${r === 1 ? "I'll ask for a re-run once the spec says so." : "fixed in the spec, see the next revision."}`;
        rows.push([r === 0 ? rootId : cuidish("cmt", n), m.id, run.runId, ws.workspaceId, r === 0 ? null : rootId, line, body, author.id, author.name, mention ? [ws.reviewers[0].id] : [], resolved && r === 0 ? new Date(base + n * 1000) : null, new Date(base + n * 100)]);
        n++;
      }
      left -= size;
      t++;
    }
    threads.set(m.id, t);
  }
  for (const m of ordered) comments.set(m.id, rows.filter((r) => r[1] === m.id).length);
  await insertRows(
    db,
    "review_comments",
    ["id", "module_id", "run_id", "workspace_id", "parent_id", "line", "body", "author_id", "author_label", "mentions", "resolved_at", "created_at"],
    ["", "", "", "", "", "::int", "", "", "", "::text[]", "ts", "ts"],
    rows,
  );
  const decisions = ordered.slice(2).flatMap((m, i) =>
    i % 2 === 0 ? [[cuidish("dec", i), m.id, run.runId, ws.workspaceId, ws.reviewers[i % 3].id, ws.reviewers[i % 3].name, i % 10 === 4 ? "request_changes" : "approve", "Reads well.", new Date(base + i * 1000)]] : [],
  );
  await insertRows(
    db,
    "review_decisions",
    ["id", "module_id", "run_id", "workspace_id", "reviewer_id", "reviewer_label", "decision", "comment", "created_at"],
    ["", "", "", "", "", "", "", "", "ts"],
    decisions,
  );
  return { threads, comments, total: rows.length };
}

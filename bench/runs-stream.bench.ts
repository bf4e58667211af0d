// Token latency of a live run: from the moment a chunk leaves the (fake) model provider to the moment it reaches a
// viewer of the run's event stream. Every chunk carries its send time (bench/lib/runs-timed-fake.ts); the fake and
// the reader are in this process, so both read the same clock.
//
// Path measured, twice:
//   1. in-process (the `npm start` topology, without the HTTP hop): worker (startWorker) streams from the fake via
//      the real AI SDK client → TokenBatcher → run_events → bus → tailRunEvents (lib/runs/stream.ts) → send().
//   2. real HTTP: a studio server process (bench/lib/runs-server.ts: Next.js production build + embedded worker, as
//      `npm start`) and an SSE client here on GET /api/v1/runs/<id>/stream with an API token.
// Baseline: the same fake streams, read directly with fetch at the same time (what a client of the provider sees).
// Pacing: CHUNKS chunks per step, INTERVAL_MS apart (a model writing ~50 chunks/s), 4 steps streaming at once.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { getDb } from "@/lib/db";
import { startWorker } from "@/lib/queue/worker";
import { stopBoss } from "@/lib/queue/boss";
import { triggerRun } from "@/lib/runs/trigger-run";
import { tailRunEvents } from "@/lib/runs/stream";
import { validateSpec } from "@/lib/specs/format";
import { buildStepPrompt } from "@/lib/llm/prompts";
import { generateTokenSecret, hashToken, tokenDisplayPrefix } from "@/lib/auth/tokens";
import { FOUR_STEP_IDS, FOUR_STEP_YAML, waitForRun } from "../tests/helpers/runs";
import { makeRunsFixture, openRunsBenchDb, ROOT, stopChild } from "./lib/runs-fixture";
import { delaysIn, readDirect, startTimedFake } from "./lib/runs-timed-fake";
import { emit, log } from "./lib/report";
import { percentile } from "./lib/stats";

const CHUNKS = Number(process.env.BENCH_STREAM_CHUNKS ?? 100);
const INTERVAL_MS = Number(process.env.BENCH_STREAM_INTERVAL_MS ?? 20);
const ROUNDS = Number(process.env.BENCH_STREAM_RUNS ?? 5);
const GOAL = "p99 added (value − baseline) under 20 ms";
const BASELINE_NAME = "the same fake stream read directly with fetch, same process, same time";

const url = await openRunsBenchDb();
const fake = await startTimedFake({ chunks: CHUNKS, intervalMs: INTERVAL_MS });
const fx = await makeRunsFixture(fake.baseURL, "stream");
const spec = validateSpec(FOUR_STEP_YAML).spec!;
const prompts = FOUR_STEP_IDS.map((id) => buildStepPrompt(spec, id).user);

interface Round {
  viewer: number[];
  direct: number[];
  /** per chunk: send → the token event's created_at (batching, then the INSERT starting) */
  toRow: number[];
  /** other events (step.*, module.written, run.*): created_at → viewer */
  lifecycle: { type: string; ms: number }[];
}

/** Record a token event's chunks: total delay, and the part spent before its row was written (wall clock ms). */
function record(out: Round, e: { type: string; at: string; data: { text?: string } }, at: number) {
  if (e.type !== "token") out.lifecycle.push({ type: e.type, ms: at - (Date.parse(e.at) - performance.timeOrigin) });
  if (e.type !== "token" || !e.data.text) return;
  const delays = delaysIn(e.data.text, at);
  out.viewer.push(...delays);
  const created = Date.parse(e.at) - performance.timeOrigin; // on this process's performance clock
  for (const d of delays) out.toRow.push(created - (at - d));
}

/** One run, its viewer, and 4 direct readers of the fake streaming at the same time. */
async function round(viewer: (runId: string, out: Round) => Promise<void>): Promise<Round> {
  const out: Round = { viewer: [], direct: [], toRow: [], lifecycle: [] };
  const { run } = await triggerRun(fx.db, fx.access, { specId: fx.specId, provider: fx.providerId });
  const watching = viewer(run.id, out);
  const direct = Promise.all(prompts.map((p) => readDirect(fake.baseURL, p).then((d) => out.direct.push(...d))));
  await Promise.all([watching, direct]);
  const done = await waitForRun(fx.db, run.id, 60_000);
  if (done.status !== "succeeded") throw new Error(`run ${run.id} ${done.status}: ${done.error}`);
  if (out.viewer.length !== CHUNKS * FOUR_STEP_IDS.length) log(`  note: the viewer saw ${out.viewer.length} of ${CHUNKS * 4} timed chunks`);
  return out;
}

function report(label: string, name: string, rounds: Round[]) {
  const viewer = rounds.flatMap((r) => r.viewer);
  const direct = rounds.flatMap((r) => r.direct);
  const [v50, v99, d50, d99] = [percentile(viewer, 50), percentile(viewer, 99), percentile(direct, 50), percentile(direct, 99)];
  const toRow = rounds.flatMap((r) => r.toRow);
  const fromRow = viewer.map((v, i) => v - toRow[i]);
  log(`${label}: ${viewer.length} chunks; viewer p50 ${v50.toFixed(1)} ms, p99 ${v99.toFixed(1)} ms, max ${Math.max(...viewer).toFixed(1)} ms; direct p50 ${d50.toFixed(2)} ms, p99 ${d99.toFixed(2)} ms`);
  log(`  of which send → event row created_at (batching + write start): p50 ${percentile(toRow, 50).toFixed(1)} ms, p99 ${percentile(toRow, 99).toFixed(1)} ms; ` +
    `created_at → viewer (commit, wake-up, read, send): p50 ${percentile(fromRow, 50).toFixed(1)} ms, p99 ${percentile(fromRow, 99).toFixed(1)} ms (created_at has 1 ms resolution)`);
  // Events written inside a transaction (module.written, step.succeeded, run.succeeded) are announced before commit.
  const life = rounds.flatMap((r) => r.lifecycle).filter((l) => !["run.queued", "step.queued"].includes(l.type));
  const byType = new Map<string, number[]>();
  for (const l of life) byType.set(l.type, [...(byType.get(l.type) ?? []), l.ms]);
  log(`  lifecycle events, created_at → viewer: ${[...byType].map(([t, v]) => `${t} p50 ${percentile(v, 50).toFixed(0)} / max ${Math.max(...v).toFixed(0)} ms`).join("; ")}`);
  emit({ name: `${name}_p50`, value: v50, unit: "ms", baseline: d50, baseline_name: BASELINE_NAME, goal: GOAL });
  emit({ name: `${name}_p99`, value: v99, unit: "ms", baseline: d99, baseline_name: BASELINE_NAME, goal: GOAL });
}

// ── 1. In-process: worker and tailRunEvents in this process ──────────────────────────────────────────────────────
{
  const worker = await startWorker();
  const inProcess = (runId: string, out: Round) =>
    new Promise<void>((resolve) => {
      tailRunEvents(
        runId,
        0,
        (event, data) => {
          const at = performance.now();
          if (event === "run-event") {
            record(out, JSON.parse(data) as { type: string; at: string; data: { text?: string } }, at);
          }
          return true;
        },
        resolve,
      );
    });
  log(`in-process: warm-up run, then ${ROUNDS} runs of 4 steps × ${CHUNKS} chunks every ${INTERVAL_MS} ms`);
  await round(inProcess);
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round(inProcess));
  report("in-process (worker + tailRunEvents)", "runs-stream.token_delay_inprocess", rounds);
  await worker.stop();
  await stopBoss();
}

// ── 2. Real HTTP: a studio server process with its embedded worker, and an SSE client here ───────────────────────
const BUILD = path.join(ROOT, ".next");
if (!fs.existsSync(path.join(BUILD, "BUILD_ID"))) {
  log("no production build in .next: skipping the HTTP measurement (run `npm run build` first)");
} else {
  // A private copy of the build, so a rebuild by someone else cannot change it under the server.
  const distName = `.next-bench-runs-${process.pid}`;
  const dist = path.join(ROOT, distName);
  fs.cpSync(BUILD, dist, { recursive: true, filter: (src) => !/[/\\]\.next[/\\](cache|dev)([/\\]|$)/.test(src) });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-bench-stream-"));
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/lib/runs-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distName, PORT: String(port), DATABASE_URL: url, DATA_DIR: dataDir, STUDIO_WORKER: "embedded", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: false,
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let outText = "";
      child.stdout!.on("data", (d: Buffer) => {
        outText += d.toString();
        const m = /READY (\S+)/.exec(outText);
        if (m) resolve(m[1]);
      });
      child.stderr!.on("data", (d: Buffer) => log(`[server] ${d.toString().trim()}`));
      child.once("exit", (code) => reject(new Error(`studio server exited (${code}) before it was ready: ${outText}`)));
    });
    const secret = generateTokenSecret();
    await getDb().apiToken.create({
      data: { userId: fx.userId, workspaceId: fx.workspaceId, name: "bench-stream", prefix: tokenDisplayPrefix(secret), tokenHash: hashToken(secret), scopes: ["read"] },
    });
    const overHttp = async (runId: string, out: Round) => {
      const res = await fetch(`${base}/api/v1/runs/${runId}/stream`, { headers: { authorization: `Bearer ${secret}`, accept: "text/event-stream" } });
      if (!res.ok) throw new Error(`GET stream: HTTP ${res.status} ${await res.text()}`);
      const decoder = new TextDecoder();
      let buffer = "";
      for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
        const at = performance.now();
        buffer += decoder.decode(part, { stream: true });
        let i: number;
        while ((i = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          if (!/^event: run-event$/m.test(frame)) continue;
          const data = frame.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
          record(out, JSON.parse(data) as { type: string; at: string; data: { text?: string } }, at);
        }
      }
    };
    log(`HTTP (${base}, build copied to ${distName}): warm-up run, then ${ROUNDS} runs`);
    await round(overHttp);
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await round(overHttp));
    report("HTTP (studio server + SSE client)", "runs-stream.token_delay_http", rounds);
  } finally {
    await stopChild(child);
    fs.rmSync(dist, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await stopBoss();
await fake.close();
process.exit(0);

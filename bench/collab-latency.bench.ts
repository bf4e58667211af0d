// Edit latency between two editors of one spec: from the moment a keystroke changes editor 1's Y.Doc to the
// moment editor 2's Y.Doc holds it. Path measured, over real HTTP against one studio process (`npm start`,
// scripts/start.ts, on the bench database): editor 1 POSTs the update (/api/collab/…/updates: authorize, store in
// spec_updates, apply to the room, broadcast) → the room's subscriber writes it to editor 2's SSE stream (/events)
// → editor 2 applies it. The editors are Node versions of the browser's SpecSyncProvider
// (tests/helpers/studio-process.ts: CollabClient), each with its own Y.Doc, using an API token.
// Baseline: the raw HTTP round trip of GET /api/health on the same server, measured interleaved with the edits.
import { api, CollabClient, ensureBuilt, startStudio } from "../tests/helpers/studio-process";
import { FOUR_STEP_YAML } from "../tests/helpers/runs";
import { openCollabBenchDb } from "./lib/collab-fixture";
import { emit, log } from "./lib/report";
import { now, percentile } from "./lib/stats";

const EDITS = Number(process.env.BENCH_COLLAB_EDITS ?? 200);
const WARMUP = 20;
const PAUSE_MS = 10; // between keystrokes (a fast typist makes one every ~100 ms; this keeps the run short)
// The build folder of tests/collab/two-processes.test.ts (one build for both; do not run them at the same time).
const DIST_DIR = process.env.BENCH_COLLAB_DIST_DIR ?? ".next-2p";
const GOAL = "p95 under 150 ms";
const BASELINE_NAME = "GET /api/health round trip on the same server, same run (interleaved)";
const SEED = { email: "owner@collab-bench.test", password: "collab bench owner password", workspace: "collab-bench", token: "sst_collab_bench_token_0123456789abcdef" };

const url = await openCollabBenchDb();
log(`build folder ${DIST_DIR}: building if the sources changed since its last build (1–3 minutes when it does)`);
const t0 = now();
await ensureBuilt(DIST_DIR);
log(`  build ready in ${((now() - t0) / 1000).toFixed(0)} s`);
const studio = await startStudio({ databaseUrl: url, distDir: DIST_DIR, seed: SEED, log: (s) => (/ready|error/i.test(s) ? log(`[studio] ${s}`) : undefined) });
try {
  const created = await api<{ spec: { id: string } }>(studio.url, SEED.token, "POST", `/api/v1/workspaces/${SEED.workspace}/specs`, { name: "latency", content: FOUR_STEP_YAML });
  if (created.status !== 201) throw new Error(`creating the spec: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const specId = created.body.spec.id;
  const writer = new CollabClient(studio.url, SEED.workspace, specId, SEED.token);
  const reader = new CollabClient(studio.url, SEED.workspace, specId, SEED.token);
  await writer.connect();
  await reader.connect();

  const health = async () => {
    const s = now();
    const res = await fetch(`${studio.url}/api/health`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`health: HTTP ${res.status}`);
    return now() - s;
  };

  /** One keystroke-sized insert by the writer; resolves with the time until the reader's document has it. */
  const edit = async (i: number) => {
    const marker = `⟨${i}⟩`;
    const text = writer.doc.getText("content");
    const pos = (i * 7919) % (text.length + 1);
    const arrived = reader.waitForText((t) => t.includes(marker), 10_000);
    const s = now();
    text.insert(pos, marker); // the provider POSTs it at once
    const at = await arrived;
    await writer.flush();
    return at - s;
  };

  log(`warm-up: ${WARMUP} edits and health checks`);
  for (let i = 0; i < WARMUP; i++) {
    await health();
    await edit(-1 - i);
  }
  writer.postTimes.length = 0;
  const latencies: number[] = [];
  const baseline: number[] = [];
  log(`measuring ${EDITS} edits (one at a time, ${PAUSE_MS} ms apart), each after one GET /api/health`);
  for (let i = 0; i < EDITS; i++) {
    baseline.push(await health());
    latencies.push(await edit(i));
    await new Promise((r) => setTimeout(r, PAUSE_MS));
  }
  if (writer.errors.length || reader.errors.length) throw new Error(`client errors: ${[...writer.errors, ...reader.errors].join("; ")}`);
  if (writer.text !== reader.text) throw new Error("the two editors did not converge");

  const [p50, p95, h50, h95] = [percentile(latencies, 50), percentile(latencies, 95), percentile(baseline, 50), percentile(baseline, 95)];
  log(`edit → other editor: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; GET /api/health: p50 ${h50.toFixed(1)} ms, p95 ${h95.toFixed(1)} ms`);
  const posts = writer.postTimes;
  log(`  the writer's POST round trip (the server broadcasts before it answers): p50 ${percentile(posts, 50).toFixed(1)} ms, p95 ${percentile(posts, 95).toFixed(1)} ms`);
  emit({ name: "collab-latency.edit_p50", value: p50, unit: "ms", baseline: h50, baseline_name: BASELINE_NAME, goal: GOAL });
  emit({ name: "collab-latency.edit_p95", value: p95, unit: "ms", baseline: h95, baseline_name: BASELINE_NAME, goal: GOAL });
  writer.close();
  reader.close();
} finally {
  await studio.stop();
}
process.exit(0);

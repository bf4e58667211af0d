// Load time of a spec with a long editing history: the time to build its live document from the database
// (loadSpecDoc in lib/collab/persistence.ts: the snapshot plus every update after it — what a room does when the
// first editor opens the spec in a process). The history is 20,000 keystrokes (one Yjs update each, as the editor
// sends them) by a few editors (seeded: bench/lib/collab-fixture.ts). Measured before and after compaction
// (compactSpec), against a fresh spec created with the same final text, loads interleaved in the same run.
import { getDb } from "@/lib/db";
import { compactSpec, loadSpecDoc } from "@/lib/collab/persistence";
import { textOf } from "@/lib/collab/doc-codec";
import { FOUR_STEP_YAML } from "../tests/helpers/runs";
import { bulkAppendUpdates, makeCollabFixture, openCollabBenchDb, simulateTyping } from "./lib/collab-fixture";
import { emit, log } from "./lib/report";
import { now, percentile } from "./lib/stats";

const HISTORY = Number(process.env.BENCH_COLLAB_HISTORY ?? 20_000);
const LOADS = 30;
const UNCOMPACTED_LOADS = 7;
const GOAL = "compacted within 2× of a fresh spec with the same text";
const BASELINE_NAME = "loadSpecDoc of a fresh spec created with the same text, same run (median)";

await openCollabBenchDb();
const db = getDb();
const fx = await makeCollabFixture("collabload");

const historySpec = await fx.makeSpec(FOUR_STEP_YAML, "history");
const start = (await db.specSnapshot.findUniqueOrThrow({ where: { specId: historySpec } })).state;
let t = now();
const { updates, text } = simulateTyping(start, HISTORY);
const historyBytes = updates.reduce((n, u) => n + u.byteLength, 0);
log(`simulated ${updates.length.toLocaleString("en")} keystrokes in ${((now() - t) / 1000).toFixed(1)} s: ${(historyBytes / 1024).toFixed(0)} kB of updates; text ${Buffer.byteLength(text).toLocaleString("en")} bytes`);
t = now();
await bulkAppendUpdates(historySpec, updates, fx.userId);
log(`stored them in ${((now() - t) / 1000).toFixed(1)} s`);
const freshSpec = await fx.makeSpec(text, "fresh");

async function load(specId: string): Promise<number> {
  const s = now();
  const { doc } = await loadSpecDoc(db, specId);
  const ms = now() - s;
  if (textOf(doc) !== text) throw new Error(`spec ${specId} loaded to a different text`);
  doc.destroy();
  return ms;
}

// Warm-up (connections, JIT).
for (let i = 0; i < 3; i++) await load(freshSpec);

// Uncompacted: the snapshot from creation plus 20,000 updates.
const uncompacted: number[] = [];
const freshA: number[] = [];
for (let i = 0; i < UNCOMPACTED_LOADS; i++) {
  freshA.push(await load(freshSpec));
  uncompacted.push(await load(historySpec));
}

t = now();
const folded = await compactSpec(db, historySpec);
const compactMs = now() - t;
const snap = await db.specSnapshot.findUniqueOrThrow({ where: { specId: historySpec } });
const freshSnap = await db.specSnapshot.findUniqueOrThrow({ where: { specId: freshSpec } });
log(`compaction folded ${folded.toLocaleString("en")} updates in ${compactMs.toFixed(0)} ms; snapshot ${(snap.state.byteLength / 1024).toFixed(1)} kB vs ${(freshSnap.state.byteLength / 1024).toFixed(1)} kB for the fresh spec`);

const compacted: number[] = [];
const freshB: number[] = [];
for (let i = 0; i < LOADS; i++) {
  freshB.push(await load(freshSpec));
  compacted.push(await load(historySpec));
}

const fresh = [...freshA, ...freshB];
const [c50, u50, f50] = [percentile(compacted, 50), percentile(uncompacted, 50), percentile(fresh, 50)];
log(`load (median): compacted ${c50.toFixed(2)} ms, uncompacted ${u50.toFixed(1)} ms, fresh ${f50.toFixed(2)} ms (p95: ${percentile(compacted, 95).toFixed(2)} / ${percentile(uncompacted, 95).toFixed(1)} / ${percentile(fresh, 95).toFixed(2)})`);
emit({ name: "collab-load.compacted_20k_updates", value: c50, unit: "ms", baseline: f50, baseline_name: BASELINE_NAME, goal: GOAL });
emit({ name: "collab-load.uncompacted_20k_updates", value: u50, unit: "ms", baseline: f50, baseline_name: BASELINE_NAME, goal: "for information (rooms compact every 200 updates, so a live spec never gets here)" });
emit({
  name: "collab-load.snapshot_bytes_20k_updates",
  value: snap.state.byteLength,
  unit: "bytes",
  baseline: freshSnap.state.byteLength,
  baseline_name: "snapshot of a fresh spec with the same text",
  goal: "for information (what a compacted history costs to store and load)",
});
process.exit(0);

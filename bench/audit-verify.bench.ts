// `npm run audit:verify`'s verifier (verifyAuditChains with a slice per CPU, each on its own connection) over the
// whole 1M-event fixture, against a plain keyset scan of the same rows (same query, same
// batch size, same row parsing, no hashing), run first so both see a warm cache. Peak RSS is sampled during each.
import os from "node:os";
import pg from "pg";
import { verifyAuditChains } from "@/lib/audit/verify";
import { ensureAuditFixture } from "./lib/audit-fixture";
import { benchUrl, prepareBenchDb } from "./lib/db";
import { emit, log } from "./lib/report";
import { MB, sampleRss, timed } from "./lib/stats";

const BATCH = 20_000; // as lib/audit/verify.ts

/** The verifier's own query and batching, with the per-row work left out. */
async function plainScan(pool: pg.Pool): Promise<number> {
  let n = 0;
  let after = { chain: "", seq: 0 };
  for (;;) {
    const { rows } = await pool.query<{ chain: string; seq: number }>(
      `SELECT id::text, chain, seq, workspace_id, occurred_at, actor_type, actor_id, actor_label, action, resource_type,
              resource_id, ip, user_agent, before, after, metadata, prev_hash, hash
       FROM audit_events WHERE (chain, seq) > ($1, $2) ORDER BY chain, seq LIMIT $3`,
      [after.chain, after.seq, BATCH],
    );
    n += rows.length;
    if (rows.length < BATCH) break;
    const last = rows[rows.length - 1];
    after = { chain: last.chain, seq: last.seq };
  }
  return n;
}

await prepareBenchDb();
const info = await ensureAuditFixture();
// The concurrency and pool `npm run audit:verify` uses (scripts/audit-verify.ts).
const CONCURRENCY = Math.min(4, os.availableParallelism());
const pool = new pg.Pool({ connectionString: benchUrl(), max: CONCURRENCY });
try {
  const { rows } = await pool.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_events");
  log(`${Number(rows[0].n).toLocaleString("en")} events in the table (fixture: ${info.events.toLocaleString("en")} in ${info.chains} chains)`);

  // CPU seconds of this process (user+system) per phase: a contention-resistant view of where the time goes.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  let rss = sampleRss();
  let c0 = cpu();
  const [scannedA, scanA] = await timed(() => plainScan(pool));
  const scanCpu = cpu() - c0;
  const scanRss = rss.stop();
  log(`  plain keyset scan: ${scannedA} rows in ${(scanA / 1000).toFixed(2)} s (node CPU ${scanCpu.toFixed(1)} s), peak RSS ${(scanRss / MB).toFixed(0)} MB`);

  rss = sampleRss();
  c0 = cpu();
  const [result, verifyMs] = await timed(() => verifyAuditChains(pool, { concurrency: CONCURRENCY }));
  const verifyCpu = cpu() - c0;
  const verifyRss = rss.stop();
  log(
    `  verifyAuditChains (${CONCURRENCY} slices at once): ok=${result.ok}, ${result.events} events in ${result.chains} chains in ${(verifyMs / 1000).toFixed(2)} s ` +
      `(${Math.round(result.events / (verifyMs / 1000)).toLocaleString("en")} events/s, node CPU ${verifyCpu.toFixed(1)} s), peak RSS ${(verifyRss / MB).toFixed(0)} MB`,
  );
  if (!result.ok) log(`  WARNING: the chains do not verify: ${JSON.stringify(result.breaks.slice(0, 3))}`);
  const scan = scanA;

  emit({
    name: "audit_verify.duration",
    value: verifyMs / 1000,
    unit: "s",
    baseline: scan / 1000,
    baseline_name: `plain keyset scan of the same ${scannedA} rows (same query and batches, no hashing; run just before)`,
    goal: "under 10 s",
  });
  emit({
    name: "audit_verify.peak_rss",
    value: verifyRss / MB,
    unit: "MB",
    baseline: scanRss / MB,
    baseline_name: "peak RSS of the process during the plain keyset scan",
    goal: "report only: memory stays flat (keyset batches of 20k rows)",
  });
} finally {
  await pool.end();
}

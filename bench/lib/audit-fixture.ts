// The shared 1M-event audit trail used by audit-verify and audit-list: one big workspace chain (~91%) and nine small
// ones, interleaved in id order as concurrent workspaces would be, with valid hashes and chain heads. It is built
// once per bench database (i.e. once per `npm run bench`) in a child process, so the benchmark process that then
// measures memory never held the fill's garbage.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { ChainBuilder, insertMany, makeEventFields, rowsCopyText, writeChainHeads, type AuditRow } from "./audit-data";
import { benchUrl } from "./db";
import { log } from "./report";
import { now, rng } from "./stats";

// "-v2": events hashed as the studio now writes them (hash version 2); a fixture of older events is rebuilt.
export const FIXTURE_NAME = "audit-1m-hashv2";
export const FIXTURE_EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
/** The workspace that holds ~91% of the events (audit-list pages through it). */
export const BIG_WORKSPACE = "cmbenchbigworkspace00000";
export const SMALL_WORKSPACES = Array.from({ length: 9 }, (_, i) => `cmbenchsmallworkspace${String(i).padStart(3, "0")}`);
const BATCH = 10_000;

export interface FixtureInfo {
  events: number;
  chains: number;
  bigWorkspace: string;
  bigWorkspaceEvents: number;
  fillSeconds: number;
}

async function ensureMarkerTable(pool: pg.Pool | pg.Client) {
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_fixtures (name text PRIMARY KEY, info jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
}

async function readFixture(url: string): Promise<FixtureInfo | null> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await ensureMarkerTable(c);
    const { rows } = await c.query<{ info: FixtureInfo }>(`SELECT info FROM bench_fixtures WHERE name = $1`, [FIXTURE_NAME]);
    return rows[0]?.info ?? null;
  } finally {
    await c.end();
  }
}

/** The fixture's description, filling it first (in a child process) when this bench database does not have it yet. */
export async function ensureAuditFixture(): Promise<FixtureInfo> {
  const url = benchUrl();
  const existing = await readFixture(url);
  if (existing) {
    log(`reusing the ${existing.events.toLocaleString("en")}-event audit fixture filled earlier in this run`);
    return existing;
  }
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "fill-audit.ts");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "inherit", "inherit"], env: process.env });
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`audit fixture fill failed (${signal ?? `exit ${code}`})`))));
  });
  const info = await readFixture(url);
  if (!info) throw new Error("audit fixture fill finished without recording the fixture");
  return info;
}

/** Build FIXTURE_EVENTS chained events in JS and insert them in unnest() batches, two batches in flight. */
export async function fillAuditFixture(): Promise<FixtureInfo> {
  const url = benchUrl();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", () => undefined);
  try {
    await ensureMarkerTable(pool);
    const t0 = now();
    // Bulk-load trick: drop the secondary indexes, load, rebuild them exactly as they were (their CREATE statements
    // are read back from pg_indexes). Sorting once is several times faster than 1M incremental b-tree inserts.
    const { rows: indexes } = await pool.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = 'audit_events'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.conrelid = 'audit_events'::regclass)`,
    );
    for (const ix of indexes) await pool.query(`DROP INDEX "${ix.indexname}"`);
    const r = rng(0xa0d17);
    const big = new ChainBuilder(BIG_WORKSPACE);
    const small = SMALL_WORKSPACES.map((w) => new ChainBuilder(w));
    let t = Date.UTC(2025, 0, 6, 8, 0, 0);
    const inflight = new Set<Promise<void>>();
    let firstError: unknown = null;
    let lastLog = t0;
    for (let start = 0; start < FIXTURE_EVENTS; start += BATCH) {
      const n = Math.min(BATCH, FIXTURE_EVENTS - start);
      const rows: AuditRow[] = new Array(n);
      for (let k = 0; k < n; k++) {
        const i = start + k;
        const m = i % 100;
        const chain = m < 91 ? big : small[m - 91];
        t += 1 + Math.floor(r() * 6000);
        rows[k] = chain.next(makeEventFields(r, { chain: chain.chain, workspaceId: chain.chain, occurredAt: new Date(t) }));
      }
      const doc = rowsCopyText(rows);
      while (inflight.size >= 2) await Promise.race(inflight);
      if (firstError) throw firstError;
      const p: Promise<void> = insertMany(pool, doc)
        .catch((e) => {
          firstError ??= e;
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
      if (now() - lastLog > 10_000) {
        lastLog = now();
        log(`  filled ${(start + n).toLocaleString("en")} / ${FIXTURE_EVENTS.toLocaleString("en")} events (${((now() - t0) / 1000).toFixed(0)} s)`);
      }
    }
    await Promise.all(inflight);
    if (firstError) throw firstError;
    const tLoad = now();
    log(`  inserted ${FIXTURE_EVENTS.toLocaleString("en")} events in ${((tLoad - t0) / 1000).toFixed(1)} s; rebuilding ${indexes.length} indexes…`);
    await Promise.all(
      [0, 1].map(async (w) => {
        const c = await pool.connect();
        try {
          await c.query(`SET maintenance_work_mem = '256MB'`);
          for (let k = w; k < indexes.length; k += 2) await c.query(indexes[k].indexdef);
        } finally {
          c.release();
        }
      }),
    );
    await writeChainHeads(pool, [big, ...small]);
    const tFill = now();
    log(`  indexes rebuilt in ${((tFill - tLoad) / 1000).toFixed(1)} s; VACUUM ANALYZE…`);
    // What autovacuum would have done on a live table: hint bits, visibility map, planner statistics.
    await pool.query("VACUUM ANALYZE audit_events");
    await pool.query("ANALYZE audit_chain_heads");
    const info: FixtureInfo = {
      events: FIXTURE_EVENTS,
      chains: 1 + small.length,
      bigWorkspace: BIG_WORKSPACE,
      bigWorkspaceEvents: big.seq,
      fillSeconds: Math.round((now() - t0) / 100) / 10,
    };
    await pool.query(`INSERT INTO bench_fixtures (name, info) VALUES ($1, $2)`, [FIXTURE_NAME, JSON.stringify(info)]);
    log(`  audit fixture ready in ${info.fillSeconds} s (vacuum ${((now() - tFill) / 1000).toFixed(1)} s)`);
    return info;
  } finally {
    await pool.end();
  }
}

// listAuditEvents with an action filter over the big workspace of the 1M-event fixture: ~200 calls walking pages
// through the cursor from random depths, against the same query paginated with OFFSET at the same depths.
import { listAuditEvents, auditWhere } from "@/lib/audit/queries";
import { ensureAuditFixture } from "./lib/audit-fixture";
import { openBenchDb, prepareBenchDb } from "./lib/db";
import { emit, log } from "./lib/report";
import { now, percentile, rng } from "./lib/stats";

const ACTION = process.env.BENCH_LIST_ACTION ?? "spec.updated";
const WALKS = 40;
const PAGES = 5; // per walk: WALKS × PAGES = 200 keyset calls
const LIMIT = 50;

await prepareBenchDb();
const info = await ensureAuditFixture();
const { db, pool } = openBenchDb(4);
try {
  const ws = info.bigWorkspace;
  const { rows } = await pool.query<{ lo: string; hi: string; n: string }>(
    `SELECT min(id)::text AS lo, max(id)::text AS hi, count(*)::text AS n FROM audit_events WHERE workspace_id = $1 AND action = $2`,
    [ws, ACTION],
  );
  const lo = Number(rows[0].lo);
  const hi = Number(rows[0].hi);
  const matches = Number(rows[0].n);
  log(`workspace ${ws}: ${info.bigWorkspaceEvents.toLocaleString("en")} events, ${matches.toLocaleString("en")} with action=${ACTION}`);

  const keyset = async (cursor?: string) => listAuditEvents(db, ws, { action: ACTION, limit: LIMIT, cursor });
  // The same query as listAuditEvents (same where, order and page size) with OFFSET instead of a cursor.
  const where = auditWhere(ws, { action: ACTION });
  const offsetPage = (skip: number) => db.auditEvent.findMany({ where, orderBy: { id: "desc" }, skip, take: LIMIT + 1 });

  // warm-up
  for (let i = 0; i < 10; i++) await keyset(String(hi - i * 997));
  await offsetPage(Math.floor(matches / 2));

  const r = rng(0x11a7);
  const keysetMs: number[] = [];
  const offsetMs: number[] = [];
  const depths: number[] = [];
  for (let w = 0; w < WALKS; w++) {
    // a random position: the cursor is an id there; the OFFSET twin starts at the same depth in the filtered list
    const f = r();
    let cursor: string | undefined = String(Math.round(hi - f * (hi - lo)));
    for (let p = 0; p < PAGES && cursor; p++) {
      const t0 = now();
      const page = await keyset(cursor);
      keysetMs.push(now() - t0);
      cursor = page.nextCursor ?? undefined;
    }
    const depth = Math.floor(f * matches);
    depths.push(depth);
    const t0 = now();
    await offsetPage(depth);
    offsetMs.push(now() - t0);
  }
  const p = (xs: number[], q: number) => percentile(xs, q);
  log(
    `  keyset: ${keysetMs.length} calls, p50 ${p(keysetMs, 50).toFixed(2)} ms, p95 ${p(keysetMs, 95).toFixed(2)} ms, max ${Math.max(...keysetMs).toFixed(2)} ms`,
  );
  log(
    `  OFFSET: ${offsetMs.length} calls at depths up to ${Math.max(...depths).toLocaleString("en")}, p50 ${p(offsetMs, 50).toFixed(1)} ms, p95 ${p(offsetMs, 95).toFixed(1)} ms`,
  );
  const baselineName = `same filter paginated with OFFSET at the same random depths (0–${matches.toLocaleString("en")} of ${matches.toLocaleString("en")} matches), ${offsetMs.length} calls`;
  emit({
    name: "audit_list.filtered_p95",
    value: p(keysetMs, 95),
    unit: "ms",
    baseline: p(offsetMs, 95),
    baseline_name: baselineName,
    goal: "p95 under 50 ms",
  });
  emit({
    name: "audit_list.filtered_p50",
    value: p(keysetMs, 50),
    unit: "ms",
    baseline: p(offsetMs, 50),
    baseline_name: baselineName,
    goal: "report only (p95 under 50 ms)",
  });
} finally {
  await db.$disconnect();
  await pool.end().catch(() => undefined);
}

import type pg from "pg";
import { chainHash, eventPayloadAt } from "@/lib/audit/canonical";
import { chainHashSql, isoTimeSql, storedPayloadSql } from "@/lib/audit/payload";
import { mergeSlices, sliceChains } from "@/lib/audit/verify-slices";

export interface ChainBreak {
  chain: string;
  eventId: string;
  seq: number;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  chains: number;
  events: number;
  /** the first broken event of each broken chain */
  breaks: ChainBreak[];
}

/** A position in the (chain, seq) order every chain is verified in. */
export interface ChainKey {
  chain: string;
  seq: number;
}

/** What one slice of the (chain, seq) order holds: counts and the first break of each chain seen in it. */
export interface RangeResult {
  events: number;
  /** chains that start in this slice */
  chains: number;
  breaks: ChainBreak[];
}

export interface VerifyOptions {
  /** only this chain */
  chain?: string;
  /** slices verified at once, each on its own connection (the whole trail only; default 1) */
  concurrency?: number;
  /** the smallest slice worth its own connection (default 50,000 events) */
  minEventsPerSlice?: number;
  /** rows per query (default 50,000; tests make it small to cross batch edges) */
  batchSize?: number;
}

const BATCH = 50_000;
/** Below this many events a slice costs more in round trips than it saves. */
const MIN_EVENTS_PER_SLICE = 50_000;

/**
 * Recompute every hash of every chain (or of one), in (chain, seq) order, and check each event's position and link
 * to the one before. Reports the first event of each chain whose hash, link or position does not match, and chains
 * whose head says events are missing from the end. The database does the hashing of current events (see
 * lib/audit/payload.ts); only events that need a closer look (older hash versions, breaks, batch edges) come back.
 */
export async function verifyAuditChains(pool: pg.Pool, opts: VerifyOptions = {}): Promise<VerifyResult> {
  let range: RangeResult;
  const concurrency = opts.chain ? 1 : (opts.concurrency ?? 1);
  if (concurrency > 1) {
    const { rows: heads } = await pool.query<{ chain: string; seq: number }>("SELECT chain, seq FROM audit_chain_heads ORDER BY chain");
    const total = heads.reduce((s, h) => s + h.seq, 0);
    const n = Math.max(1, Math.min(concurrency, Math.floor(total / (opts.minEventsPerSlice ?? MIN_EVENTS_PER_SLICE))));
    range = mergeSlices(await Promise.all(sliceChains(heads, n).map((slice) => verifyRange(pool, { ...slice, batchSize: opts.batchSize }))));
  } else {
    range = await verifyRange(pool, { chain: opts.chain, batchSize: opts.batchSize });
  }
  const breaks = [...range.breaks, ...(await checkHeads(pool, opts.chain, range.breaks))];
  return { ok: breaks.length === 0, chains: range.chains, events: range.events, breaks };
}

interface Row {
  id: string;
  chain: string;
  seq: number;
  hash_version: number;
  prev_hash: string;
  hash: string;
  /** position in the batch, from 1 */
  rn: string;
  /** rows in the batch */
  n: string;
  /** distinct chains in the batch up to this row */
  chain_rank: string;
  lag_chain: string | null;
  lag_seq: number | null;
  lag_hash: string | null;
  /** version 2: whether the database's recomputed hash matches */
  v2_ok: boolean | null;
  // the hashed fields, for version 1 (hashed by the studio's canonical JSON)
  workspace_id: string | null;
  /** ISO 8601 with milliseconds, formatted by the query */
  occurred_at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  ip: string | null;
  user_agent: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
}

/**
 * One batch, checked in the database: each row's link and position against the row before it in the batch, and
 * the hash of version-2 rows. Returned are only the rows the caller must look at: the first and last of the batch
 * (to carry the chain state across batches), version-1 rows (hashed in JS), and rows that fail a check.
 */
function batchSql(where: string, limitParam: string): string {
  return `
WITH b AS (
  SELECT * FROM audit_events WHERE ${where} ORDER BY chain, seq LIMIT ${limitParam}
), w AS (
  SELECT b.*,
    row_number() OVER o AS rn, count(*) OVER () AS n, dense_rank() OVER (ORDER BY chain) AS chain_rank,
    lag(chain) OVER o AS lag_chain, lag(seq) OVER o AS lag_seq, lag(hash) OVER o AS lag_hash,
    CASE WHEN hash_version = 2 THEN ${chainHashSql("prev_hash", "seq", storedPayloadSql())} = hash END AS v2_ok
  FROM b WINDOW o AS (ORDER BY chain, seq)
)
SELECT id::text, chain, seq, hash_version, prev_hash, hash, rn, n, chain_rank, lag_chain, lag_seq, lag_hash, v2_ok,
  workspace_id, ${isoTimeSql("occurred_at")} AS occurred_at, actor_type, actor_id, actor_label, action, resource_type,
  resource_id, ip, user_agent, before, after, metadata
FROM w
WHERE rn = 1 OR rn = n OR hash_version <> 2 OR NOT v2_ok
   OR (lag_chain = chain AND (seq <> lag_seq + 1 OR prev_hash <> lag_hash))
   OR (lag_chain <> chain AND (seq <> 1 OR prev_hash <> ''))
ORDER BY chain, seq`;
}

/**
 * Verify the events after `after` up to and including `until` (the whole order when both are absent). The slice is
 * checked exactly as the whole run would check it: the event just before it (if any) supplies the previous seq and
 * hash, so a slice boundary inside a chain still checks the link across it.
 */
export async function verifyRange(pool: pg.Pool, opts: { chain?: string; after?: ChainKey; until?: ChainKey; batchSize?: number } = {}): Promise<RangeResult> {
  const batchSize = opts.batchSize ?? BATCH;
  const breaks: ChainBreak[] = [];
  const broken = new Set<string>();
  let events = 0;
  let chains = 0;
  /** the last event read before the current batch */
  let cur: { chain: string; seq: number; hash: string } | null = null;
  if (opts.after) {
    const { rows } = await pool.query<{ chain: string; seq: number; hash: string }>(
      `SELECT chain, seq, hash FROM audit_events WHERE (chain, seq) <= ($1, $2) ORDER BY chain DESC, seq DESC LIMIT 1`,
      [opts.after.chain, opts.after.seq],
    );
    cur = rows[0] ?? null;
  }
  let after: ChainKey = opts.after ?? { chain: "", seq: 0 };
  for (;;) {
    const params: unknown[] = [after.chain, after.seq, batchSize];
    let where = "(chain, seq) > ($1, $2)";
    if (opts.chain) where += ` AND chain = $${params.push(opts.chain)}`;
    if (opts.until) where += ` AND (chain, seq) <= ($${params.push(opts.until.chain)}, $${params.push(opts.until.seq)})`;
    const { rows } = await pool.query<Row>(batchSql(where, "$3"), params);
    if (rows.length === 0) break;
    const first = rows[0];
    const last = rows[rows.length - 1];
    events += Number(first.n);
    chains += Number(last.chain_rank) - (cur && cur.chain === first.chain ? 1 : 0);
    for (const r of rows) {
      if (broken.has(r.chain)) continue;
      // The event before this one in its chain, as far as the order goes: the batch's previous row, or for the
      // batch's first row the last one read before it.
      const prev = r.rn === "1" ? (cur && cur.chain === r.chain ? cur : null) : r.lag_chain === r.chain ? { seq: r.lag_seq!, hash: r.lag_hash! } : null;
      const reason = checkRow(r, prev?.seq ?? 0, prev?.hash ?? "");
      if (reason) {
        broken.add(r.chain);
        breaks.push({ chain: r.chain, eventId: r.id, seq: r.seq, reason });
      }
    }
    cur = { chain: last.chain, seq: last.seq, hash: last.hash };
    if (Number(first.n) < batchSize) break;
    after = { chain: last.chain, seq: last.seq };
  }
  return { events, chains, breaks };
}

function checkRow(r: Row, prevSeq: number, prevHash: string): string | null {
  if (r.seq !== prevSeq + 1) return `expected event #${prevSeq + 1} of the chain, found #${r.seq} (an event is missing)`;
  if (r.prev_hash !== prevHash) return "its link to the previous event does not match (an earlier event was changed or removed)";
  if (r.hash_version === 2) return r.v2_ok ? null : "its content does not match its hash (the event was edited)";
  if (r.hash_version !== 1) return `its hash version ${r.hash_version} is unknown (the event was edited)`;
  const payload = eventPayloadAt(
    {
      chain: r.chain,
      workspaceId: r.workspace_id,
      actorType: r.actor_type,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      ip: r.ip,
      userAgent: r.user_agent,
      before: r.before,
      after: r.after,
      metadata: r.metadata,
    },
    r.occurred_at,
  );
  if (chainHash(r.prev_hash, r.seq, payload) !== r.hash) return "its content does not match its hash (the event was edited)";
  return null;
}

// The head records the chain's length and last hash: an event removed from the end shows up here.
export async function checkHeads(pool: pg.Pool, chain: string | undefined, known: ChainBreak[]): Promise<ChainBreak[]> {
  const { rows } = await pool.query<{ chain: string; seq: number; hash: string; last_seq: number | null; last_hash: string | null; last_id: string | null }>(
    `SELECT h.chain, h.seq, h.hash, e.seq AS last_seq, e.hash AS last_hash, e.id::text AS last_id
     FROM audit_chain_heads h
     LEFT JOIN LATERAL (SELECT seq, hash, id FROM audit_events WHERE chain = h.chain ORDER BY seq DESC LIMIT 1) e ON true
     WHERE ($1::text IS NULL OR h.chain = $1)`,
    [chain ?? null],
  );
  return rows
    .filter((h) => !known.some((b) => b.chain === h.chain))
    .filter((h) => (h.last_seq ?? 0) !== h.seq || (h.last_hash ?? "") !== h.hash)
    .map((h) => ({
      chain: h.chain,
      eventId: h.last_id ?? "",
      seq: h.seq,
      reason: `the chain should end at event #${h.seq}, but its last event is #${h.last_seq ?? 0} (events were removed)`,
    }));
}

import type pg from "pg";
import { chainHash, eventPayloadAt } from "@/lib/audit/canonical";

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

const BATCH = 20_000;

// The column is timestamptz(3): this is the string Date#toISOString() gives for it (the writer hashed that string).
const OCCURRED_AT_ISO = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at`;

interface Row {
  id: string;
  chain: string;
  seq: number;
  workspace_id: string | null;
  /** ISO 8601 with milliseconds, formatted by the query (no Date per row) */
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
  prev_hash: string;
  hash: string;
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
  /** peak resident memory of the process that verified the slice, in MB (set by verify-worker.ts) */
  peakRssMb?: number;
}

/**
 * Recompute every hash of every chain (or of one), in (chain, seq) order, with keyset batches so memory stays flat.
 * Reports the first event of each chain whose hash, link or position does not match. For the whole trail on a large
 * instance, verifyAuditChainsParallel (lib/audit/verify-parallel.ts) splits the same work across threads.
 */
export async function verifyAuditChains(pool: pg.Pool, opts: { chain?: string } = {}): Promise<VerifyResult> {
  const range = await verifyRange(pool, { chain: opts.chain });
  const breaks = [...range.breaks, ...(await checkHeads(pool, opts.chain, range.breaks))];
  return { ok: breaks.length === 0, chains: range.chains, events: range.events, breaks };
}

/**
 * Verify the events after `after` up to and including `until` (the whole order when both are absent). The slice is
 * checked exactly as the whole run would check it: the event just before it (if any) supplies the previous seq and
 * hash, so a slice boundary inside a chain still checks the link across it.
 */
export async function verifyRange(pool: pg.Pool, opts: { chain?: string; after?: ChainKey; until?: ChainKey } = {}): Promise<RangeResult> {
  const breaks: ChainBreak[] = [];
  let events = 0;
  let chains = 0;
  let cur: { chain: string; seq: number; hash: string; broken: boolean } | null = null;
  if (opts.after) {
    const { rows } = await pool.query<{ chain: string; seq: number; hash: string }>(
      `SELECT chain, seq, hash FROM audit_events WHERE (chain, seq) <= ($1, $2) ORDER BY chain DESC, seq DESC LIMIT 1`,
      [opts.after.chain, opts.after.seq],
    );
    if (rows[0]) cur = { ...rows[0], broken: false };
  }
  const fetchAfter = (a: ChainKey) => {
    const params: unknown[] = [a.chain, a.seq, BATCH];
    let where = "(chain, seq) > ($1, $2)";
    if (opts.chain) where += ` AND chain = $${params.push(opts.chain)}`;
    if (opts.until) where += ` AND (chain, seq) <= ($${params.push(opts.until.chain)}, $${params.push(opts.until.seq)})`;
    return pool.query<Row>(
      `SELECT id::text, chain, seq, workspace_id, ${OCCURRED_AT_ISO}, actor_type, actor_id, actor_label, action, resource_type,
              resource_id, ip, user_agent, before, after, metadata, prev_hash, hash
       FROM audit_events WHERE ${where} ORDER BY chain, seq LIMIT $3`,
      params,
    );
  };
  let pending = fetchAfter(opts.after ?? { chain: "", seq: 0 });
  for (;;) {
    const { rows } = await pending;
    // Read the next batch while this one is hashed.
    if (rows.length === BATCH) {
      const last = rows[rows.length - 1];
      pending = fetchAfter({ chain: last.chain, seq: last.seq });
    }
    for (const r of rows) {
      events++;
      if (!cur || cur.chain !== r.chain) {
        chains++;
        cur = { chain: r.chain, seq: 0, hash: "", broken: false };
      }
      if (!cur.broken) {
        const reason = checkRow(r, cur.seq, cur.hash);
        if (reason) {
          cur.broken = true;
          breaks.push({ chain: r.chain, eventId: r.id, seq: r.seq, reason });
        }
      }
      cur.seq = r.seq;
      cur.hash = r.hash;
    }
    if (rows.length < BATCH) break;
  }
  return { events, chains, breaks };
}

function checkRow(r: Row, prevSeq: number, prevHash: string): string | null {
  if (r.seq !== prevSeq + 1) return `expected event #${prevSeq + 1} of the chain, found #${r.seq} (an event is missing)`;
  if (r.prev_hash !== prevHash) return "its link to the previous event does not match (an earlier event was changed or removed)";
  const payload = eventPayloadAt({
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
  }, r.occurred_at);
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

import type pg from "pg";
import { chainHash, eventPayload } from "@/lib/audit/canonical";

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

interface Row {
  id: string;
  chain: string;
  seq: number;
  workspace_id: string | null;
  occurred_at: Date;
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

/**
 * Recompute every hash of every chain (or of one), in (chain, seq) order, with keyset batches so memory stays flat.
 * Reports the first event of each chain whose hash, link or position does not match.
 */
export async function verifyAuditChains(pool: pg.Pool, opts: { chain?: string } = {}): Promise<VerifyResult> {
  const breaks: ChainBreak[] = [];
  let events = 0;
  let chains = 0;
  let cur: { chain: string; seq: number; hash: string; broken: boolean } | null = null;
  let after: { chain: string; seq: number } = { chain: "", seq: 0 };
  const fetchAfter = (a: { chain: string; seq: number }) => {
    const params: unknown[] = [a.chain, a.seq, BATCH];
    let where = "(chain, seq) > ($1, $2)";
    if (opts.chain) {
      params.push(opts.chain);
      where += " AND chain = $4";
    }
    return pool.query<Row>(
      `SELECT id::text, chain, seq, workspace_id, occurred_at, actor_type, actor_id, actor_label, action, resource_type,
              resource_id, ip, user_agent, before, after, metadata, prev_hash, hash
       FROM audit_events WHERE ${where} ORDER BY chain, seq LIMIT $3`,
      params,
    );
  };
  let pending = fetchAfter(after);
  for (;;) {
    const { rows } = await pending;
    // Read the next batch while this one is hashed.
    if (rows.length === BATCH) {
      const last = rows[rows.length - 1];
      after = { chain: last.chain, seq: last.seq };
      pending = fetchAfter(after);
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
  breaks.push(...(await checkHeads(pool, opts.chain, breaks)));
  return { ok: breaks.length === 0, chains, events, breaks };
}

function checkRow(r: Row, prevSeq: number, prevHash: string): string | null {
  if (r.seq !== prevSeq + 1) return `expected event #${prevSeq + 1} of the chain, found #${r.seq} (an event is missing)`;
  if (r.prev_hash !== prevHash) return "its link to the previous event does not match (an earlier event was changed or removed)";
  const payload = eventPayload({
    chain: r.chain,
    workspaceId: r.workspace_id,
    occurredAt: r.occurred_at,
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
  });
  if (chainHash(r.prev_hash, r.seq, payload) !== r.hash) return "its content does not match its hash (the event was edited)";
  return null;
}

// The head records the chain's length and last hash: an event removed from the end shows up here.
async function checkHeads(pool: pg.Pool, chain: string | undefined, known: ChainBreak[]): Promise<ChainBreak[]> {
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

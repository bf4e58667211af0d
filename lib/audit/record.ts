import type { DbTx } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/actor";
import { eventPayload } from "@/lib/audit/canonical";
import { redact, storableText } from "@/lib/audit/redact";

export const INSTANCE_CHAIN = "instance";

export interface AuditInput {
  actor: AuditActor;
  /** `domain.past_tense`, e.g. `workspace.created` */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  workspaceId?: string | null;
  before?: unknown;
  after?: unknown;
  metadata?: unknown;
}

// One statement appends the event and moves the chain head: the head row's lock (FOR UPDATE) serialises writers
// on one chain, and the hash is computed in SQL from the locked head, so it costs a single round trip.
const APPEND_SQL = `
WITH prev AS (
  SELECT seq, hash FROM audit_chain_heads WHERE chain = $1 FOR UPDATE
), nxt AS (
  SELECT prev.seq + 1 AS seq, prev.hash AS prev_hash,
         encode(sha256(convert_to(prev.hash || '|' || (prev.seq + 1)::text || '|' || $2::text, 'UTF8')), 'hex') AS hash
  FROM prev
), head AS (
  UPDATE audit_chain_heads h SET seq = nxt.seq, hash = nxt.hash FROM nxt WHERE h.chain = $1
)
INSERT INTO audit_events (chain, seq, workspace_id, occurred_at, actor_type, actor_id, actor_label, action,
  resource_type, resource_id, ip, user_agent, before, after, metadata, prev_hash, hash)
SELECT $1, nxt.seq, $3, $4::timestamptz, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15::jsonb,
  nxt.prev_hash, nxt.hash
FROM nxt
RETURNING id, seq, hash`;

/**
 * Append an audit event to its workspace's chain. Call it with the transaction that makes the change, so the
 * change and its event commit together or not at all. Throws whatever the database throws.
 */
export async function recordAudit(tx: DbTx, input: AuditInput): Promise<{ id: bigint; seq: number; hash: string }> {
  const chain = input.workspaceId ?? INSTANCE_CHAIN;
  // Millisecond precision: the column is timestamptz(3), and the verifier must rebuild the same ISO string.
  const occurredAt = new Date(Math.floor(Date.now()));
  // Text columns hold what the database will give back, or the verifier would rebuild a different hash.
  const text = (s: string | null | undefined) => (s == null ? null : storableText(s));
  const fields = {
    chain,
    workspaceId: input.workspaceId ?? null,
    occurredAt,
    actorType: storableText(input.actor.type),
    actorId: text(input.actor.id),
    actorLabel: text(input.actor.label),
    action: storableText(input.action),
    resourceType: storableText(input.resourceType),
    resourceId: text(input.resourceId),
    ip: text(input.actor.ip),
    userAgent: text(input.actor.userAgent?.slice(0, 500)),
    before: redact(input.before) ?? null,
    after: redact(input.after) ?? null,
    metadata: redact(input.metadata) ?? null,
  };
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const params = [
    chain,
    eventPayload(fields),
    fields.workspaceId,
    occurredAt.toISOString(),
    fields.actorType,
    fields.actorId,
    fields.actorLabel,
    fields.action,
    fields.resourceType,
    fields.resourceId,
    fields.ip,
    fields.userAgent,
    json(fields.before),
    json(fields.after),
    json(fields.metadata),
  ];
  let rows = await tx.$queryRawUnsafe<{ id: bigint; seq: number; hash: string }[]>(APPEND_SQL, ...params);
  if (rows.length === 0) {
    // First event of this chain.
    await tx.$executeRawUnsafe(
      `INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ($1, 0, '') ON CONFLICT (chain) DO NOTHING`,
      chain,
    );
    rows = await tx.$queryRawUnsafe(APPEND_SQL, ...params);
  }
  return rows[0];
}

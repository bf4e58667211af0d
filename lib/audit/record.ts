import type { DbTx } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/actor";
import { chainHashSql, CURRENT_HASH_VERSION, isoTimeSql, payloadSql } from "@/lib/audit/payload";
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

// The payload of the event being appended, from the statement's parameters (the same text the verifier builds from
// the stored columns; lib/audit/payload.ts). Text parameters are cast so jsonb_build_object knows their type.
const NEW_EVENT_PAYLOAD = payloadSql({
  action: "$7::text",
  actorId: "$5::text",
  actorLabel: "$6::text",
  actorType: "$4::text",
  after: "$13::jsonb",
  before: "$12::jsonb",
  chain: "$1::text",
  ip: "$10::text",
  metadata: "$14::jsonb",
  occurredAt: isoTimeSql("$3::timestamptz(3)"),
  resourceId: "$9::text",
  resourceType: "$8::text",
  userAgent: "$11::text",
  workspaceId: "$2::text",
});

// One statement appends the event and moves the chain head. The UPDATE takes the head row's lock, which serialises
// writers on one chain; its SET reads the old row, so it computes the next hash in SQL and keeps the old hash as
// prev_hash for RETURNING. One round trip, one row lock and one head update per event.
const APPEND_SQL = `
WITH head AS (
  UPDATE audit_chain_heads
  SET seq = seq + 1, prev_hash = hash, hash = ${chainHashSql("hash", "seq + 1", NEW_EVENT_PAYLOAD)}
  WHERE chain = $1
  RETURNING seq, prev_hash, hash
)
INSERT INTO audit_events (chain, seq, workspace_id, occurred_at, actor_type, actor_id, actor_label, action,
  resource_type, resource_id, ip, user_agent, before, after, metadata, prev_hash, hash, hash_version)
SELECT $1, head.seq, $2, $3::timestamptz(3), $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb,
  head.prev_hash, head.hash, ${CURRENT_HASH_VERSION}
FROM head
RETURNING id, seq, hash`;

/**
 * Append an audit event to its workspace's chain. Call it with the transaction that makes the change, so the
 * change and its event commit together or not at all; an event with no change of its own (a sign-in) may be given
 * the client itself, since the append is one atomic statement. Throws whatever the database throws.
 */
export async function recordAudit(tx: DbTx, input: AuditInput): Promise<{ id: bigint; seq: number; hash: string }> {
  const chain = input.workspaceId ?? INSTANCE_CHAIN;
  const occurredAt = new Date();
  // Text the database can store (no NUL, no lone surrogates), and secrets redacted before anything is hashed.
  const text = (s: string | null | undefined) => (s == null ? null : storableText(s));
  const fields = {
    workspaceId: input.workspaceId ?? null,
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

import type { DbTx } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/actor";
import { CALL_AUDIT_APPEND_SQL } from "@/lib/audit/append-function";
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

// One round trip appends the event and moves the chain head: the database function audit_append
// (lib/audit/append-function.ts). Its UPDATE takes the head row's lock, which serialises writers on one chain, and
// computes the next hash from the old head and the payload the database builds from the parameters
// (lib/audit/payload.ts), the same text the verifier rebuilds from the stored columns.
const APPEND_SQL = CALL_AUDIT_APPEND_SQL;

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

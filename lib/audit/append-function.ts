import { plpgsqlFunctionMigrationSql } from "@/lib/db/plpgsql-migration";
import { chainHashSql, CURRENT_HASH_VERSION, isoTimeSql, payloadSql } from "@/lib/audit/payload";

/**
 * The database function that appends an audit event (lib/audit/record.ts calls it). It holds the one statement that
 * moves the chain head and inserts the event; being plpgsql, its plan is prepared once per connection, where the
 * same statement sent as a query was planned on every event (about half its cost, measured). Its migration
 * (prisma/migrations/*_audit_append_function) is this function's output; a test keeps the two equal.
 */
const BODY = `#variable_conflict use_column
BEGIN
RETURN QUERY
WITH head AS (
  UPDATE audit_chain_heads
  SET seq = seq + 1, prev_hash = hash, hash = ${chainHashSql(
    "hash",
    "seq + 1",
    payloadSql({
      chain: "p_chain",
      workspaceId: "p_workspace_id",
      occurredAt: isoTimeSql("p_occurred_at::timestamptz(3)"),
      actorType: "p_actor_type",
      actorId: "p_actor_id",
      actorLabel: "p_actor_label",
      action: "p_action",
      resourceType: "p_resource_type",
      resourceId: "p_resource_id",
      ip: "p_ip",
      userAgent: "p_user_agent",
      before: "p_before",
      after: "p_after",
      metadata: "p_metadata",
    }),
  )}
  WHERE chain = p_chain
  RETURNING seq, prev_hash, hash
)
INSERT INTO audit_events (chain, seq, workspace_id, occurred_at, actor_type, actor_id, actor_label, action,
  resource_type, resource_id, ip, user_agent, before, after, metadata, prev_hash, hash, hash_version)
SELECT p_chain, head.seq, p_workspace_id, p_occurred_at, p_actor_type, p_actor_id, p_actor_label, p_action,
  p_resource_type, p_resource_id, p_ip, p_user_agent, p_before, p_after, p_metadata, head.prev_hash, head.hash, ${CURRENT_HASH_VERSION}
FROM head
RETURNING id, seq, hash;
END`;

const SIGNATURE = `audit_append(p_chain text, p_workspace_id text, p_occurred_at timestamptz, p_actor_type text, p_actor_id text,
  p_actor_label text, p_action text, p_resource_type text, p_resource_id text, p_ip text, p_user_agent text,
  p_before jsonb, p_after jsonb, p_metadata jsonb)`;

/** The migration's SQL (see plpgsqlFunctionMigrationSql for why it is written the way it is). */
export function auditAppendMigrationSql(): string {
  return plpgsqlFunctionMigrationSql({
    comment: "Appends an audit event: see lib/audit/append-function.ts, which writes this file.",
    signature: SIGNATURE,
    returns: "TABLE (id bigint, seq integer, hash text)",
    body: BODY,
  });
}

/** The call: one round trip, parameters in the order of record.ts's values. */
export const CALL_AUDIT_APPEND_SQL = `SELECT id, seq, hash FROM audit_append($1, $2, $3::timestamptz, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb)`;

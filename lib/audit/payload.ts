/**
 * The payload an audit event's hash covers, as SQL. Version 2 of the hash (the current one) is
 *   sha256(prev_hash || '|' || seq || '|' || json_build_array(<the event's fields, in PAYLOAD_FIELDS order>)::text)
 * computed by the database: the writer builds it from the statement's parameters, the verifier from the stored
 * columns, and both get the same text because the array's order is fixed and jsonb values print one way only. So
 * verifying a chain needs no row to leave the database (lib/audit/verify.ts), and the studio's JSON serialisation
 * can never drift from what was hashed. (An array, not an object: half the database's work of jsonb_build_object,
 * measured while choosing.) Version 1 (the studio's canonical JSON, lib/audit/canonical.ts) is still verified for
 * events written before.
 */

export const CURRENT_HASH_VERSION = 2;

/** The hashed fields, in the order the payload array holds them. */
export const PAYLOAD_FIELDS = [
  "chain",
  "workspaceId",
  "occurredAt",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "resourceType",
  "resourceId",
  "ip",
  "userAgent",
  "before",
  "after",
  "metadata",
] as const;

/** The SQL expression of each hashed field. */
export type PayloadColumns = Record<(typeof PAYLOAD_FIELDS)[number], string>;

/** A timestamptz as the ISO 8601 text the payload holds (UTC, milliseconds), whatever the session's time zone. */
export const isoTimeSql = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export function payloadSql(c: PayloadColumns): string {
  return `json_build_array(${PAYLOAD_FIELDS.map((f) => c[f]).join(", ")})::text`;
}

/** hash = sha256(prev | seq | payload), hex: the chain link, in SQL. */
export const chainHashSql = (prevHash: string, seq: string, payload: string) =>
  `encode(sha256(convert_to(${prevHash} || '|' || (${seq})::text || '|' || ${payload}, 'UTF8')), 'hex')`;

/** The payload of a stored row (audit_events columns, optionally qualified by `t`). */
export function storedPayloadSql(t = ""): string {
  const col = (name: string) => (t ? `${t}.${name}` : name);
  return payloadSql({
    action: col("action"),
    actorId: col("actor_id"),
    actorLabel: col("actor_label"),
    actorType: col("actor_type"),
    after: col("after"),
    before: col("before"),
    chain: col("chain"),
    ip: col("ip"),
    metadata: col("metadata"),
    occurredAt: isoTimeSql(col("occurred_at")),
    resourceId: col("resource_id"),
    resourceType: col("resource_type"),
    userAgent: col("user_agent"),
    workspaceId: col("workspace_id"),
  });
}

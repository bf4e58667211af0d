-- Appends an audit event: see lib/audit/append-function.ts, which writes this file.
CREATE FUNCTION audit_append(p_chain text, p_workspace_id text, p_occurred_at timestamptz, p_actor_type text, p_actor_id text,
  p_actor_label text, p_action text, p_resource_type text, p_resource_id text, p_ip text, p_user_agent text,
  p_before jsonb, p_after jsonb, p_metadata jsonb)
RETURNS TABLE (id bigint, seq integer, hash text) LANGUAGE plpgsql AS E'#variable_conflict use_column
BEGIN
RETURN QUERY
WITH head AS (
  UPDATE audit_chain_heads
  SET seq = seq + 1, prev_hash = hash, hash = encode(sha256(convert_to(hash || ''|'' || (seq + 1)::text || ''|'' || json_build_array(p_chain, p_workspace_id, to_char((p_occurred_at::timestamptz(3)) AT TIME ZONE ''UTC'', ''YYYY-MM-DD"T"HH24:MI:SS.MS"Z"''), p_actor_type, p_actor_id, p_actor_label, p_action, p_resource_type, p_resource_id, p_ip, p_user_agent, p_before, p_after, p_metadata)::text, ''UTF8'')), ''hex'')
  WHERE chain = p_chain
  RETURNING seq, prev_hash, hash
)
INSERT INTO audit_events (chain, seq, workspace_id, occurred_at, actor_type, actor_id, actor_label, action,
  resource_type, resource_id, ip, user_agent, before, after, metadata, prev_hash, hash, hash_version)
SELECT p_chain, head.seq, p_workspace_id, p_occurred_at, p_actor_type, p_actor_id, p_actor_label, p_action,
  p_resource_type, p_resource_id, p_ip, p_user_agent, p_before, p_after, p_metadata, head.prev_hash, head.hash, 2
FROM head
RETURNING id, seq, hash\073
END';

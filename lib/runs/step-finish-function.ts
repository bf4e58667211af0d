import { plpgsqlFunctionMigrationSql } from "@/lib/db/plpgsql-migration";

/**
 * The database function that closes a step that succeeded (lib/runs/step-sql.ts calls it): in one round trip and
 * one transaction it moves the step from its claim to succeeded, writes its files, adds its tokens and cost to the
 * run, appends its closing events with gapless seqs, and, when it was the run's last step and every step
 * succeeded, writes the flow module and succeeds the run. Before, this took about a dozen round trips per step.
 *
 * Why it can close the run safely: its count of unfinished steps runs as its own statement (a fresh snapshot in
 * plpgsql) after the update of the run row, whose lock every finishing step takes; so of two steps finishing at
 * once, the one that gets the lock second sees the first one committed, and exactly one of them closes the run.
 *
 * An event may carry its own time ("at"): the model's answer is logged when it arrived, not when its checks ended.
 * Timestamps are written as UTC because the columns are `timestamp without time zone` and Prisma reads them as UTC.
 * Its migration (prisma/migrations/*_run_step_finish_function) is this function's output; a test keeps them equal.
 */
const BODY = `DECLARE
  v_run text;
  v_ws text;
  v_before integer;
  v_n integer := jsonb_array_length(p_events);
  v_pending integer;
  v_failed integer;
  v_modules integer;
  v_now timestamp(3) := now() AT TIME ZONE 'UTC';
BEGIN
  UPDATE run_steps SET status = 'succeeded', claim = NULL, finished_at = v_now,
    input_tokens = input_tokens + p_input_tokens, output_tokens = output_tokens + p_output_tokens, cost_usd = cost_usd + p_cost_usd
  WHERE id = p_step_id AND claim = p_claim
  RETURNING run_id INTO v_run;
  IF v_run IS NULL THEN
    RETURN QUERY SELECT false, NULL::integer, NULL::integer, false;
    RETURN;
  END IF;

  UPDATE runs SET input_tokens = input_tokens + p_input_tokens, output_tokens = output_tokens + p_output_tokens,
    cost_usd = cost_usd + p_cost_usd, event_seq = event_seq + v_n
  WHERE id = v_run
  RETURNING event_seq - v_n, workspace_id INTO v_before, v_ws;

  INSERT INTO modules (id, run_id, workspace_id, step_key, role, path, language, content, content_hash, findings, step_hash, created_at)
  SELECT f.id, v_run, v_ws, f.step_key, f.role, f.path, f.language, f.content, f.content_hash, f.findings, f.step_hash, v_now
  FROM jsonb_to_recordset(p_files) AS f(id text, step_key text, role text, path text, language text, content text,
    content_hash text, findings jsonb, step_hash text)
  ON CONFLICT (run_id, path) DO NOTHING;

  INSERT INTO run_events (run_id, seq, type, step_key, data, created_at)
  SELECT v_run, v_before + e.ord, e.type, e.step_key, e.data, COALESCE(e.at, now())
  FROM ROWS FROM (jsonb_to_recordset(p_events) AS (type text, step_key text, data jsonb, at timestamptz))
    WITH ORDINALITY AS e(type, step_key, data, at, ord);

  SELECT count(*) FILTER (WHERE status NOT IN ('succeeded', 'failed', 'cancelled')),
         count(*) FILTER (WHERE status IN ('failed', 'cancelled'))
  INTO v_pending, v_failed
  FROM run_steps WHERE run_id = v_run AND step_key <> '__flow__';

  IF v_pending = 0 AND v_failed = 0 AND p_flow IS NOT NULL THEN
    UPDATE runs SET status = 'succeeded', finished_at = v_now, event_seq = event_seq + 3
    WHERE id = v_run AND status IN ('queued', 'running')
    RETURNING event_seq - 3 INTO v_before;
    IF FOUND THEN
      INSERT INTO modules (id, run_id, workspace_id, step_key, role, path, language, content, content_hash, findings, step_hash, created_at)
      VALUES (p_flow->>'id', v_run, v_ws, '__flow__', 'flow', p_flow->>'path', p_flow->>'language', p_flow->>'content',
        p_flow->>'content_hash', p_flow->'findings', p_flow->>'step_hash', v_now)
      ON CONFLICT (run_id, path) DO NOTHING;
      UPDATE run_steps SET status = 'succeeded', started_at = v_now, finished_at = v_now
      WHERE run_id = v_run AND step_key = '__flow__';
      SELECT count(*) INTO v_modules FROM modules WHERE run_id = v_run;
      INSERT INTO run_events (run_id, seq, type, step_key, data) VALUES
        (v_run, v_before + 1, 'module.written', '__flow__',
          jsonb_build_object('path', p_flow->>'path', 'role', 'flow', 'findings', jsonb_array_length(p_flow->'findings'))),
        (v_run, v_before + 2, 'step.succeeded', '__flow__', '{"scaffolded": true}'::jsonb),
        (v_run, v_before + 3, 'run.succeeded', NULL, jsonb_build_object('modules', v_modules));
      IF p_channel IS NOT NULL THEN PERFORM pg_notify(p_channel, p_message); END IF;
      RETURN QUERY SELECT true, v_pending, v_failed, true;
      RETURN;
    END IF;
  END IF;
  IF p_channel IS NOT NULL THEN PERFORM pg_notify(p_channel, p_message); END IF;
  RETURN QUERY SELECT true, v_pending, v_failed, false;
END`;

const SIGNATURE = `run_step_finish(p_step_id text, p_claim text, p_input_tokens integer, p_output_tokens integer, p_cost_usd float8,
  p_files jsonb, p_events jsonb, p_flow jsonb, p_channel text, p_message text)`;

export function runStepFinishMigrationSql(): string {
  return plpgsqlFunctionMigrationSql({
    comment: "Closes a step that succeeded (and its run, when it was the last): see lib/runs/step-finish-function.ts, which writes this file.",
    signature: SIGNATURE,
    returns: "TABLE (step_finished boolean, steps_pending integer, steps_failed integer, run_closed boolean)",
    body: BODY,
  });
}

/** The call: one round trip; parameters in the order of the signature. */
export const CALL_RUN_STEP_FINISH_SQL = `SELECT step_finished, steps_pending, steps_failed, run_closed
FROM run_step_finish($1, $2, $3::integer, $4::integer, $5::float8, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10)`;

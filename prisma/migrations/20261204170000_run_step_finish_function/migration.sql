-- Closes a step that succeeded (and its run, when it was the last): see lib/runs/step-finish-function.ts, which writes this file.
CREATE FUNCTION run_step_finish(p_step_id text, p_claim text, p_input_tokens integer, p_output_tokens integer, p_cost_usd float8,
  p_files jsonb, p_events jsonb, p_flow jsonb, p_channel text, p_message text)
RETURNS TABLE (step_finished boolean, steps_pending integer, steps_failed integer, run_closed boolean) LANGUAGE plpgsql AS E'DECLARE
  v_run text\073
  v_ws text\073
  v_before integer\073
  v_n integer := jsonb_array_length(p_events)\073
  v_pending integer\073
  v_failed integer\073
  v_modules integer\073
  v_now timestamp(3) := now() AT TIME ZONE ''UTC''\073
BEGIN
  UPDATE run_steps SET status = ''succeeded'', claim = NULL, finished_at = v_now,
    input_tokens = input_tokens + p_input_tokens, output_tokens = output_tokens + p_output_tokens, cost_usd = cost_usd + p_cost_usd
  WHERE id = p_step_id AND claim = p_claim
  RETURNING run_id INTO v_run\073
  IF v_run IS NULL THEN
    RETURN QUERY SELECT false, NULL::integer, NULL::integer, false\073
    RETURN\073
  END IF\073

  UPDATE runs SET input_tokens = input_tokens + p_input_tokens, output_tokens = output_tokens + p_output_tokens,
    cost_usd = cost_usd + p_cost_usd, event_seq = event_seq + v_n
  WHERE id = v_run
  RETURNING event_seq - v_n, workspace_id INTO v_before, v_ws\073

  INSERT INTO modules (id, run_id, workspace_id, step_key, role, path, language, content, content_hash, findings, step_hash, created_at)
  SELECT f.id, v_run, v_ws, f.step_key, f.role, f.path, f.language, f.content, f.content_hash, f.findings, f.step_hash, v_now
  FROM jsonb_to_recordset(p_files) AS f(id text, step_key text, role text, path text, language text, content text,
    content_hash text, findings jsonb, step_hash text)
  ON CONFLICT (run_id, path) DO NOTHING\073

  INSERT INTO run_events (run_id, seq, type, step_key, data, created_at)
  SELECT v_run, v_before + e.ord, e.type, e.step_key, e.data, COALESCE(e.at, now())
  FROM ROWS FROM (jsonb_to_recordset(p_events) AS (type text, step_key text, data jsonb, at timestamptz))
    WITH ORDINALITY AS e(type, step_key, data, at, ord)\073

  SELECT count(*) FILTER (WHERE status NOT IN (''succeeded'', ''failed'', ''cancelled'')),
         count(*) FILTER (WHERE status IN (''failed'', ''cancelled''))
  INTO v_pending, v_failed
  FROM run_steps WHERE run_id = v_run AND step_key <> ''__flow__''\073

  IF v_pending = 0 AND v_failed = 0 AND p_flow IS NOT NULL THEN
    UPDATE runs SET status = ''succeeded'', finished_at = v_now, event_seq = event_seq + 3
    WHERE id = v_run AND status IN (''queued'', ''running'')
    RETURNING event_seq - 3 INTO v_before\073
    IF FOUND THEN
      INSERT INTO modules (id, run_id, workspace_id, step_key, role, path, language, content, content_hash, findings, step_hash, created_at)
      VALUES (p_flow->>''id'', v_run, v_ws, ''__flow__'', ''flow'', p_flow->>''path'', p_flow->>''language'', p_flow->>''content'',
        p_flow->>''content_hash'', p_flow->''findings'', p_flow->>''step_hash'', v_now)
      ON CONFLICT (run_id, path) DO NOTHING\073
      UPDATE run_steps SET status = ''succeeded'', started_at = v_now, finished_at = v_now
      WHERE run_id = v_run AND step_key = ''__flow__''\073
      SELECT count(*) INTO v_modules FROM modules WHERE run_id = v_run\073
      INSERT INTO run_events (run_id, seq, type, step_key, data) VALUES
        (v_run, v_before + 1, ''module.written'', ''__flow__'',
          jsonb_build_object(''path'', p_flow->>''path'', ''role'', ''flow'', ''findings'', jsonb_array_length(p_flow->''findings''))),
        (v_run, v_before + 2, ''step.succeeded'', ''__flow__'', ''{"scaffolded": true}''::jsonb),
        (v_run, v_before + 3, ''run.succeeded'', NULL, jsonb_build_object(''modules'', v_modules))\073
      IF p_channel IS NOT NULL THEN PERFORM pg_notify(p_channel, p_message)\073 END IF\073
      RETURN QUERY SELECT true, v_pending, v_failed, true\073
      RETURN\073
    END IF\073
  END IF\073
  IF p_channel IS NOT NULL THEN PERFORM pg_notify(p_channel, p_message)\073 END IF\073
  RETURN QUERY SELECT true, v_pending, v_failed, false\073
END';

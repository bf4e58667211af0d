import { getDb, getPool, type DbTx } from "@/lib/db";
import { emit, remoteNotice } from "@/lib/realtime/bus";

export type RunEventType =
  | "run.queued"
  | "run.started"
  | "run.succeeded"
  | "run.failed"
  | "run.cancelled"
  | "step.queued"
  | "step.started"
  | "step.retrying"
  | "step.succeeded"
  | "step.failed"
  | "step.cancelled"
  | "llm.call_started"
  | "llm.call_finished"
  | "llm.call_failed"
  | "token"
  | "module.written";

/** Only the holder of a step's claim may write for it: a worker that lost its claim stops writing. */
export interface ClaimGuard {
  stepId: string;
  claim: string;
}

export interface NewRunEvent {
  type: RunEventType;
  stepKey: string | null;
  data: unknown;
}

// $1 run id, $2 the events as a JSON array, then the guard's step id and claim, then the NOTIFY's channel and message.
const INSERT = (guarded: boolean, notify: boolean) => `
WITH s AS (
  UPDATE runs SET event_seq = event_seq + jsonb_array_length($2::jsonb)
  WHERE id = $1 ${guarded ? "AND EXISTS (SELECT 1 FROM run_steps WHERE id = $3 AND claim = $4)" : ""}
  RETURNING event_seq - jsonb_array_length($2::jsonb) AS before
), e AS (
  INSERT INTO run_events (run_id, seq, type, step_key, data)
  SELECT $1, s.before + x.ord, x.type, x.step_key, x.data
  FROM s, ROWS FROM (jsonb_to_recordset($2::jsonb) AS (type text, step_key text, data jsonb)) WITH ORDINALITY AS x(type, step_key, data, ord)
  RETURNING seq
)
${notify ? `SELECT e.seq FROM e, LATERAL (SELECT pg_notify($${guarded ? 5 : 3}, $${guarded ? 6 : 4})) n` : "SELECT seq FROM e"} ORDER BY seq`;

/**
 * Append events to a run's log, in one statement, with the next gapless seqs (the SSE event ids), and wake the run's
 * streams: the other processes' through a NOTIFY in the same statement (delivered when the rows are committed), this
 * one's at once when `db` is not a transaction. Returns the seqs, or null when `guard` no longer holds the step's claim.
 */
export async function appendRunEvents(db: DbTx, runId: string, events: NewRunEvent[], guard?: ClaimGuard): Promise<number[] | null> {
  if (!events.length) return [];
  const params: unknown[] = [runId, JSON.stringify(events.map((e) => ({ type: e.type, step_key: e.stepKey, data: e.data ?? {} })))];
  if (guard) params.push(guard.stepId, guard.claim);
  const notice = remoteNotice(runTopic(runId));
  if (notice) params.push(notice.channel, notice.message);
  // Outside a transaction the statement goes to the pool directly: workers append for every token batch, and the
  // ORM's raw-query path cost more CPU than the statement (bench/runs-throughput.bench.ts).
  const outside = db === getDb();
  const sql = INSERT(!!guard, !!notice);
  const rows = outside ? (await getPool().query<{ seq: number }>(sql, params)).rows : await db.$queryRawUnsafe<{ seq: number }[]>(sql, ...params);
  if (!rows.length) return null;
  // Inside a transaction the rows are not visible yet: the caller wakes this process's streams after commit.
  if (outside) wakeRunStreams(runId);
  return rows.map((r) => r.seq);
}

/** appendRunEvents for one event: its seq, or null when `guard` no longer holds the step's claim. */
export async function appendRunEvent(
  db: DbTx,
  runId: string,
  type: RunEventType,
  stepKey: string | null,
  data: unknown,
  guard?: ClaimGuard,
): Promise<number | null> {
  const seqs = await appendRunEvents(db, runId, [{ type, stepKey, data }], guard);
  return seqs ? seqs[0] : null;
}

/** The bus topic of a run's events (this process's streams, and other processes' through NOTIFY). */
export const runTopic = (runId: string) => `run:${runId}`;

/**
 * Tell this process's streams of the run to read again; call after committing a transaction that appended events
 * (the other processes hear of them from the NOTIFY that appendRunEvent's statement sent at commit).
 */
export function wakeRunStreams(runId: string): void {
  emit(runTopic(runId), "", { remote: false });
}

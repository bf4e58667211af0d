import { getDb, type DbTx } from "@/lib/db";
import { emit } from "@/lib/realtime/bus";

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

const INSERT = (guarded: boolean) => `
WITH s AS (
  UPDATE runs SET event_seq = event_seq + 1
  WHERE id = $1 ${guarded ? "AND EXISTS (SELECT 1 FROM run_steps WHERE id = $5 AND claim = $6)" : ""}
  RETURNING event_seq
)
INSERT INTO run_events (run_id, seq, type, step_key, data)
SELECT $1, s.event_seq, $2, $3, $4::jsonb FROM s
RETURNING seq`;

/**
 * Append an event to a run's log with the next gapless seq (the SSE event id) and wake the run's streams.
 * Returns null when `guard` no longer holds the step's claim.
 */
export async function appendRunEvent(
  db: DbTx,
  runId: string,
  type: RunEventType,
  stepKey: string | null,
  data: unknown,
  guard?: ClaimGuard,
): Promise<number | null> {
  const params: unknown[] = [runId, type, stepKey, JSON.stringify(data ?? {})];
  if (guard) params.push(guard.stepId, guard.claim);
  const rows = await db.$queryRawUnsafe<{ seq: number }[]>(INSERT(!!guard), ...params);
  if (!rows.length) return null;
  // Inside a transaction the row is not visible yet: the caller wakes the streams after commit (wakeRunStreams).
  if (db === getDb()) wakeRunStreams(runId);
  return rows[0].seq;
}

/** Tell the run's streams to read again; call after committing a transaction that appended events. */
export function wakeRunStreams(runId: string): void {
  emit(`run:${runId}`);
}

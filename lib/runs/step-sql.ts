import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Finding } from "@/lib/checks";
import { remoteNotice } from "@/lib/realtime/bus";
import { sha256 } from "@/lib/runs/complete-run";
import { runTopic, type NewRunEvent } from "@/lib/runs/events";
import { CALL_RUN_STEP_FINISH_SQL } from "@/lib/runs/step-finish-function";

/**
 * The statements of a step's hot path, sent on the pool directly: a worker runs them for every step, and going
 * through the ORM cost more CPU than the statements themselves (measured in bench/runs-throughput.bench.ts).
 */

/** What a worker needs of a step it claimed and of its run. */
export interface ClaimedStep {
  stepKey: string;
  attempts: number;
  runStarted: boolean;
  run: {
    id: string;
    revisionId: string;
    providerId: string | null;
    providerName: string;
    providerUpdatedAt: Date | null;
    model: string;
    parameters: unknown;
  };
}

// Claims the step for this attempt (unless it is final, or its run is final or being cancelled) and, for the run's
// first step, moves the run from queued to running. Step row first, then run row: the order cancel-run.ts and
// run_step_finish lock them in too, so the three cannot deadlock.
const CLAIM_SQL = `
WITH c AS (
  UPDATE run_steps s SET status = 'running', attempts = s.attempts + 1, claim = $2, error = NULL,
    started_at = COALESCE(s.started_at, now() AT TIME ZONE 'UTC')
  FROM runs r
  WHERE s.id = $1 AND r.id = s.run_id AND s.status IN ('queued', 'retrying', 'running')
    AND r.status IN ('queued', 'running') AND r.cancel_requested_at IS NULL
  RETURNING s.step_key, s.attempts, s.run_id
), started AS (
  UPDATE runs SET status = 'running', started_at = now() AT TIME ZONE 'UTC'
  WHERE id = (SELECT run_id FROM c) AND status = 'queued'
  RETURNING id
)
SELECT c.step_key, c.attempts, EXISTS (SELECT 1 FROM started) AS run_started,
  r.id, r.revision_id, r.provider_id, r.provider_name, r.model, r.parameters, p.updated_at AS provider_updated_at
FROM c JOIN runs r ON r.id = c.run_id LEFT JOIN provider_configs p ON p.id = r.provider_id`;

/** Claim a step for the attempt `claim`; null when it is not to be worked (final, cancelled, or its run is). */
export async function claimStep(pool: pg.Pool, stepId: string, claim: string): Promise<ClaimedStep | null> {
  const { rows } = await pool.query(CLAIM_SQL, [stepId, claim]);
  const r = rows[0];
  if (!r) return null;
  return {
    stepKey: r.step_key,
    attempts: r.attempts,
    runStarted: r.run_started,
    run: {
      id: r.id,
      revisionId: r.revision_id,
      providerId: r.provider_id,
      providerName: r.provider_name,
      providerUpdatedAt: r.provider_updated_at,
      model: r.model,
      parameters: r.parameters,
    },
  };
}

export interface GeneratedFileRow {
  stepKey: string;
  role: string;
  path: string;
  language: string;
  content: string;
  findings: Finding[];
  stepHash: string;
}

export interface FinishStepResult {
  /** false: the claim was lost (cancelled, or another worker took the step over) and nothing was written */
  finished: boolean;
  /** the run's steps not final yet, and the failed or cancelled ones (the flow excluded); null when not finished */
  pending: number | null;
  failed: number | null;
  /** this step was the run's last and every step succeeded: the flow module is written and the run succeeded */
  runClosed: boolean;
}

const fileRow = (f: GeneratedFileRow) => ({
  id: randomUUID(),
  step_key: f.stepKey,
  role: f.role,
  path: f.path,
  language: f.language,
  content: f.content,
  content_hash: sha256(f.content),
  findings: f.findings,
  step_hash: f.stepHash,
});

/**
 * Close a step that succeeded, in one transaction (the run_step_finish database function): the step, its files,
 * the run's totals, `events`, and the run itself when this was its last step and `flow` (the run's flow module) is
 * given. Nothing is written when `claim` no longer holds the step.
 */
export async function finishStep(
  pool: pg.Pool,
  args: { runId: string; stepId: string; claim: string; inputTokens: number; outputTokens: number; costUsd: number; files: GeneratedFileRow[]; events: (NewRunEvent & { at?: Date })[]; flow: GeneratedFileRow | null },
): Promise<FinishStepResult> {
  const notice = remoteNotice(runTopic(args.runId));
  const { rows } = await pool.query(CALL_RUN_STEP_FINISH_SQL, [
    args.stepId,
    args.claim,
    args.inputTokens,
    args.outputTokens,
    args.costUsd,
    JSON.stringify(args.files.map(fileRow)),
    JSON.stringify(args.events.map((e) => ({ type: e.type, step_key: e.stepKey, data: e.data ?? {}, at: e.at?.toISOString() ?? null }))),
    args.flow ? JSON.stringify(fileRow(args.flow)) : null,
    notice?.channel ?? null,
    notice?.message ?? null,
  ]);
  const r = rows[0];
  return { finished: r.step_finished, pending: r.steps_pending, failed: r.steps_failed, runClosed: r.run_closed };
}

import PgBoss from "pg-boss";
import { getPool, type DbTx } from "@/lib/db";

export const STEP_QUEUE = "run-step";

/** How long one step may take before it is stopped, and how long a job may stay claimed by a dead worker. */
export const stepTimeoutMs = () => Number(process.env.STUDIO_STEP_TIMEOUT_S ?? 300) * 1000;

const g = globalThis as unknown as { __studioBoss?: Promise<PgBoss> };

/**
 * The process's pg-boss. Every process starts it (so jobs can be sent); only workers supervise and fetch.
 * A job whose worker died (kill -9) expires after the step timeout and is retried by pg-boss.
 */
export function getBoss(opts: { supervise?: boolean } = {}): Promise<PgBoss> {
  g.__studioBoss ??= (async () => {
    const embedded = process.env.STUDIO_EMBEDDED === "1";
    const boss = new PgBoss({
      // On the embedded database the queue shares the process's single connection (see lib/db.ts).
      ...(embedded
        ? { db: { executeSql: async (text: string, values: unknown[]) => ({ rows: (await getPool().query(text, values)).rows }) } }
        : { connectionString: process.env.DATABASE_URL, max: 4 }),
      supervise: opts.supervise ?? true,
      // Expired jobs (their worker died) are only retried by a maintenance pass: run it often.
      maintenanceIntervalSeconds: 10,
      schedule: false,
      application_name: "spec-studio-queue",
    });
    boss.on("error", (err) => console.error("[queue]", err.message));
    await boss.start();
    await boss.createQueue(STEP_QUEUE, {
      name: STEP_QUEUE,
      retryLimit: 3,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: Math.ceil(stepTimeoutMs() / 1000) + 10,
    }).catch(() => undefined);
    return boss;
  })();
  g.__studioBoss.catch(() => (g.__studioBoss = undefined));
  return g.__studioBoss;
}

export interface StepJob {
  runId: string;
  stepId: string;
}

/** Queue step jobs inside the caller's transaction: they exist exactly when the run that needs them does. */
export async function enqueueSteps(tx: DbTx, jobs: (StepJob & { startAfter?: Date })[]): Promise<void> {
  if (!jobs.length) return;
  const boss = await getBoss();
  await boss.insert(
    jobs.map((j) => ({
      name: STEP_QUEUE,
      data: { runId: j.runId, stepId: j.stepId },
      startAfter: j.startAfter,
      expireInSeconds: Math.ceil(stepTimeoutMs() / 1000) + 10,
      retryLimit: 3,
    })),
    { db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) } },
  );
}

export async function stopBoss(): Promise<void> {
  const pending = g.__studioBoss;
  g.__studioBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, timeout: 5000 }).catch(() => undefined);
}

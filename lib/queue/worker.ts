import { getBoss, stopBoss, STEP_QUEUE, type StepJob } from "@/lib/queue/boss";
import { on } from "@/lib/realtime/bus";
import { executeStep } from "@/lib/runs/execute-step";

/**
 * Work step jobs: `STUDIO_WORKER_CONCURRENCY` (default 4) pollers, woken at once when this or another process
 * queues work, so a new run does not wait for the next poll.
 */
export async function startWorker(): Promise<{ stop(): Promise<void> }> {
  const boss = await getBoss({ supervise: true });
  const concurrency = Number(process.env.STUDIO_WORKER_CONCURRENCY ?? 4);
  const ids: string[] = [];
  for (let i = 0; i < concurrency; i++) {
    const id: string = await boss.work<StepJob>(STEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      try {
        await executeStep(job.data);
      } finally {
        // pg-boss sleeps a polling interval after each job unless told there may be more.
        setImmediate(() => boss.notifyWorker(id));
      }
    });
    ids.push(id);
  }
  const off = on("queue:wake", () => ids.forEach((id) => boss.notifyWorker(id)));
  return {
    async stop() {
      off();
      await boss.offWork(STEP_QUEUE).catch(() => undefined);
      await stopBoss();
    },
  };
}

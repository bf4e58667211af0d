// The pg-boss baseline of the throughput benchmark: the studio's own pg-boss set-up (lib/queue/boss.ts getBoss) and
// the same pollers as lib/queue/worker.ts (STUDIO_WORKER_CONCURRENCY × work(batchSize 1, polling 0.5 s)), on a queue
// of no-op jobs. Prints "Worker started." like scripts/worker.ts.
// BENCH_NOOP_REFETCH=1: each poller wakes itself after a job (boss.notifyWorker), so it fetches the next job at once
// instead of sleeping out the 0.5 s polling interval; this is what a worker that keeps up with a backlog would do.
// BENCH_NOOP_MODEL_URL=<fake model base URL>: each job makes one step's model call there (the studio's own
// streamStepCompletion through the AI SDK, the step prompt of the 4-step example) and nothing else: the rate of a
// queue whose jobs do only the part of a step that no studio code can avoid.
import { getBoss, stopBoss, stepTimeoutMs } from "@/lib/queue/boss";
import { createModel, streamStepCompletion } from "@/lib/llm/providers";
import { buildStepPrompt } from "@/lib/llm/prompts";
import { validateSpec } from "@/lib/specs/format";
import { FOUR_STEP_YAML } from "../../tests/helpers/runs";

const NOOP_QUEUE = process.env.BENCH_NOOP_QUEUE ?? "bench-noop";

const boss = await getBoss({ supervise: true });
await boss
  .createQueue(NOOP_QUEUE, { name: NOOP_QUEUE, retryLimit: 3, retryDelay: 2, retryBackoff: true, expireInSeconds: Math.ceil(stepTimeoutMs() / 1000) + 30 })
  .catch(() => undefined);
const concurrency = Number(process.env.STUDIO_WORKER_CONCURRENCY ?? 4);
const refetch = process.env.BENCH_NOOP_REFETCH === "1";
const modelUrl = process.env.BENCH_NOOP_MODEL_URL;
const spec = validateSpec(FOUR_STEP_YAML).spec!;
const model = modelUrl ? createModel({ kind: "openai-compatible", baseURL: modelUrl, model: "fake", name: "fake" }) : null;
let n = 0;
for (let i = 0; i < concurrency; i++) {
  let id = "";
  id = await boss.work(NOOP_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async () => {
    try {
      if (model) await streamStepCompletion({ model, prompt: buildStepPrompt(spec, spec.steps[n++ % spec.steps.length].id), onChunk: () => undefined });
    } finally {
      if (refetch) boss.notifyWorker(id);
    }
  });
}
console.log("Worker started.");
const stop = async () => {
  await boss.offWork(NOOP_QUEUE).catch(() => undefined);
  await stopBoss();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

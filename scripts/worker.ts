// npm run worker — a job worker process on DATABASE_URL, for deployments that scale web and workers apart.
import { boot } from "@/lib/setup/boot";
import { closeDb } from "@/lib/db";
import { startWorker } from "@/lib/queue/worker";

const booted = await boot({ migrate: true });
if (booted.embedded) {
  console.error("npm run worker needs DATABASE_URL: with the embedded database the worker runs inside npm start.");
  await booted.close();
  process.exit(2);
}
const worker = await startWorker();
console.log("Worker started.");
const stop = async () => {
  await worker.stop();
  await closeDb();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

// npm start — the whole studio in one process: database (embedded unless DATABASE_URL), migrations, the web
// server and, unless STUDIO_WORKER=off, the job worker.
import http from "node:http";
import next from "next";
import { EnvError } from "@/lib/env";
import { boot } from "@/lib/setup/boot";
import { buildIfNeeded } from "@/lib/setup/build-if-needed";
import { initFromEnv } from "@/lib/setup/init-from-env";
import { getDb, closeDb } from "@/lib/db";
import { CLIENT_IP_HEADER } from "@/lib/api/request-meta";
import { startWorker } from "@/lib/queue/worker";
import { getBoss, stopBoss } from "@/lib/queue/boss";

const dev = process.env.STUDIO_DEV === "1";

async function main() {
  const booted = await boot({ migrate: true });
  const { env } = booted;
  const created = await initFromEnv(getDb(), env);
  if (created.length) console.log(`Created from STUDIO_INIT_*: ${created.join(", ")}`);
  if (!dev) buildIfNeeded(process.cwd());

  const app = next({ dev, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    // The client address for audit events; a value sent by the client is never trusted.
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
    void handle(req, res);
  });
  server.requestTimeout = 0; // SSE streams stay open
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  // The queue is started before anything can send to it (a first send inside a transaction must not wait for it).
  await getBoss();
  const worker = env.STUDIO_WORKER === "embedded" ? await startWorker() : null;

  const where = env.STUDIO_URL ?? `http://${env.HOST === "0.0.0.0" || env.HOST === "127.0.0.1" ? "localhost" : env.HOST}:${env.PORT}`;
  console.log(
    `Spec Studio is ready at ${where} (database: ${booted.embedded ? `embedded, in ${env.DATA_DIR}` : "PostgreSQL"}, ` +
      `worker: ${worker ? "in this process" : "separate (npm run worker)"})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down…`);
    server.closeAllConnections();
    server.close();
    await worker?.stop();
    await stopBoss();
    await closeDb();
    await booted.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
});

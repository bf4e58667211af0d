// The studio's web server with its embedded job worker, as `npm start` runs it (scripts/start.ts), minus the
// build-if-needed and STUDIO_INIT_* steps: it serves the existing production build in NEXT_DIST_DIR. Used by the
// stream benchmark to measure SSE over real HTTP. Prints "READY <url>" when it listens.
import http from "node:http";
import next from "next";
import { boot } from "@/lib/setup/boot";
import { closeDb } from "@/lib/db";
import { CLIENT_IP_HEADER } from "@/lib/api/request-meta";
import { startWorker } from "@/lib/queue/worker";
import { ROOT } from "./runs-fixture";

const booted = await boot({ migrate: false });
const port = booted.env.PORT;
const app = next({ dev: false, dir: ROOT, hostname: "127.0.0.1", port });
await app.prepare();
const handle = app.getRequestHandler();
const server = http.createServer((req, res) => {
  req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.requestTimeout = 0;
await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
const worker = booted.env.STUDIO_WORKER === "embedded" ? await startWorker() : null;
console.log(`READY http://127.0.0.1:${port}`);

const stop = async () => {
  server.closeAllConnections();
  server.close();
  await worker?.stop();
  await closeDb();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

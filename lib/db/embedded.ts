import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedDatabase {
  url: string;
  close(): Promise<void>;
}

const LOCK_FILE = "embedded-db.json";

/** The URL of an embedded database another studio process on this data folder is serving, if any. */
export async function findRunningEmbedded(dataDir: string): Promise<string | undefined> {
  try {
    const { url, pid } = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), "utf8")) as {
      url: string;
      pid: number;
    };
    process.kill(pid, 0);
    const port = Number(new URL(url).port);
    await new Promise<void>((resolve, reject) => {
      const s = net.connect(port, "127.0.0.1", () => (s.end(), resolve()));
      s.on("error", reject);
    });
    return url;
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/**
 * Open PGlite under `dataDir/pglite` and serve it on a loopback port, so that Prisma, the job queue and the CLI
 * scripts talk to it exactly as they talk to a PostgreSQL server.
 */
export async function startEmbeddedDatabase(dataDir: string, opts: { port?: number } = {}): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const running = await findRunningEmbedded(dataDir);
  if (running) {
    throw new Error(
      `Another studio process is already using the embedded database in ${dataDir} (${running}). ` +
        `Stop it first, or set DATA_DIR to another folder.`,
    );
  }
  const db = await PGlite.create(path.join(dataDir, "pglite"));
  const port = opts.port ?? (await freePort());
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 16 });
  await server.start();
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  const lockPath = path.join(dataDir, LOCK_FILE);
  fs.writeFileSync(lockPath, JSON.stringify({ url, pid: process.pid }));
  return {
    url,
    async close() {
      fs.rmSync(lockPath, { force: true });
      await server.stop();
      await db.close();
    },
  };
}

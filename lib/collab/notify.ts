import { randomUUID } from "node:crypto";
import pg from "pg";
import { getPool } from "@/lib/db";

/** Messages between studio processes that serve the same spec, over PostgreSQL LISTEN/NOTIFY. */
export type CollabMessage = { kind: "update"; specId: string; updateId: string } | { kind: "awareness"; specId: string; data: string };

const CHANNEL = "studio_collab";
// NOTIFY payloads are limited to 8000 bytes; larger awareness states are simply not relayed.
const MAX_PAYLOAD = 7900;
const PROCESS_ID = randomUUID();

const g = globalThis as unknown as { __studioCollabListener?: Promise<void> };

/** Relaying is only needed when several processes share a server database; the embedded one has a single process. */
const relayEnabled = () => process.env.STUDIO_EMBEDDED !== "1";

export async function publish(msg: CollabMessage): Promise<void> {
  if (!relayEnabled()) return;
  const payload = JSON.stringify({ ...msg, from: PROCESS_ID });
  if (payload.length > MAX_PAYLOAD) return;
  await getPool().query("SELECT pg_notify($1, $2)", [CHANNEL, payload]).catch(() => undefined);
}

/** Start (once per process) listening for other processes' messages. Reconnects when the connection drops. */
export function listen(onMessage: (msg: CollabMessage) => void): Promise<void> {
  if (!relayEnabled()) return Promise.resolve();
  g.__studioCollabListener ??= (async () => {
    const connect = async (): Promise<void> => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      client.on("notification", (n) => {
        if (n.channel !== CHANNEL || !n.payload) return;
        const msg = JSON.parse(n.payload) as CollabMessage & { from: string };
        if (msg.from !== PROCESS_ID) onMessage(msg);
      });
      client.on("error", () => undefined);
      client.on("end", () => setTimeout(() => void connect().catch(() => undefined), 1000));
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    };
    await connect();
  })();
  return g.__studioCollabListener;
}

import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { getPool } from "@/lib/db";

/**
 * Wake-ups between the writers of rows and the streams that tail them: in-process through an EventEmitter, and
 * across processes through PostgreSQL NOTIFY (skipped on the embedded database, which has one process).
 * Messages only say "look again"; the rows themselves are always read from the database.
 *
 * Each family of topics (the part before the first ":": "run", "queue", "collab") has its own channel, and a
 * process listens only to the families it subscribed to: a worker, which only waits for queued work, is not woken
 * by every token batch of every run (it was, measured in bench/runs-throughput.bench.ts).
 */
const CHANNEL_PREFIX = "studio_bus_";
const PROCESS_ID = randomUUID();

/** The NOTIFY channel of a topic's family. */
const channelOf = (topic: string) => CHANNEL_PREFIX + (topic.split(":", 1)[0].replace(/[^a-z0-9_]/gi, "_").toLowerCase() || "default");

interface BusState {
  emitter: EventEmitter;
  listening?: Promise<void>;
  /** the channels this process listens to, and the connection it listens on */
  channels?: Set<string>;
  client?: pg.Client;
}
const g = globalThis as unknown as { __studioBus?: BusState };
const state: BusState = (g.__studioBus ??= { emitter: new EventEmitter().setMaxListeners(0) });

/** Emitted locally after the LISTEN connection came back: relayed messages may have been missed meanwhile. */
export const RECONNECTED = "bus:reconnected";

const crossProcess = () => process.env.STUDIO_EMBEDDED !== "1";

/**
 * Publish; `local: false` reaches only the other processes (for writers that already handled it here), `remote: false`
 * only this one (for writers whose own SQL carried the NOTIFY, see remoteNotice).
 */
export function emit(topic: string, payload = "", opts: { local?: boolean; remote?: boolean } = {}): void {
  if (opts.local !== false) state.emitter.emit(topic, payload);
  const notice = opts.remote !== false ? remoteNotice(topic, payload) : null;
  if (notice) void getPool().query("SELECT pg_notify($1, $2)", [notice.channel, notice.message]).catch(() => undefined);
}

/**
 * The NOTIFY that carries `topic` to the other processes, for a writer to send in its own statement: it then costs
 * no round trip of its own, and inside a transaction PostgreSQL delivers it at commit, when the rows are visible.
 * Null when there are no other processes (embedded database) or the message is too long for NOTIFY.
 */
export function remoteNotice(topic: string, payload = ""): { channel: string; message: string } | null {
  if (!crossProcess()) return null;
  const message = JSON.stringify({ topic, payload, from: PROCESS_ID });
  return message.length < 7900 ? { channel: channelOf(topic), message } : null;
}

/** Call `fn` on every message of `topic`; returns the unsubscribe function. */
export function on(topic: string, fn: (payload: string) => void): () => void {
  // RECONNECTED is this process's own signal: it needs the connection, not a channel.
  if (topic === RECONNECTED) ensureListening();
  else listenTo(channelOf(topic));
  state.emitter.on(topic, fn);
  return () => state.emitter.off(topic, fn);
}

function listenTo(channel: string) {
  if (!crossProcess()) return;
  const channels = (state.channels ??= new Set());
  if (channels.has(channel)) return;
  channels.add(channel);
  void ensureListening()
    ?.then(() => state.client?.query(`LISTEN ${channel}`))
    .catch(() => undefined);
}

function ensureListening(): Promise<void> | undefined {
  if (!crossProcess()) return undefined;
  state.listening ??= (async () => {
    const connect = async (): Promise<void> => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      client.on("notification", (n) => {
        if (!n.channel.startsWith(CHANNEL_PREFIX) || !n.payload) return;
        const msg = JSON.parse(n.payload) as { topic: string; payload: string; from: string };
        if (msg.from !== PROCESS_ID) state.emitter.emit(msg.topic, msg.payload);
      });
      client.on("error", () => undefined);
      client.on("end", () => setTimeout(() => void connect().catch(() => undefined), 1000));
      await client.connect();
      for (const channel of state.channels ?? []) await client.query(`LISTEN ${channel}`);
      state.client = client;
      // Messages sent while we were not listening are lost: tell subscribers to catch up from the database.
      if (connected++) state.emitter.emit(RECONNECTED, "");
    };
    let connected = 0;
    await connect();
  })().catch((err) => {
    state.listening = undefined;
    console.error("[bus] LISTEN failed", err);
  });
  return state.listening;
}

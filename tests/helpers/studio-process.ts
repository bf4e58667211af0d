// A real studio process (`npm start`: scripts/start.ts) for tests and benchmarks that go through HTTP, plus what a
// client needs to talk to it: a streaming Server-Sent Events reader and a Node version of the browser's
// SpecSyncProvider (lib/collab/client-provider.ts) that keeps a Y.Doc in sync over SSE + POST.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import * as Y from "yjs";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"];

// ── Databases ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** `url` with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const a = new URL(url);
  a.pathname = "/postgres";
  const client = new pg.Client({ connectionString: a.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function assertDisposable(url: string, marker: RegExp) {
  const u = new URL(url);
  if (!LOCAL_HOSTS.includes(u.hostname) || !marker.test(u.pathname)) {
    throw new Error(`Refusing to drop ${u.host}${u.pathname}: it must be local and its name must match ${marker}.`);
  }
}

/** Drop (if it exists) and create a local database whose name contains "test" or "bench" (the studio migrates it). */
export async function createFreshDatabase(url: string): Promise<string> {
  assertDisposable(url, /test|bench/);
  const name = decodeURIComponent(new URL(url).pathname.slice(1)).replace(/"/g, '""');
  await admin(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(url, `CREATE DATABASE "${name}"`);
  return url;
}

export async function dropDatabase(url: string): Promise<void> {
  assertDisposable(url, /test|bench/);
  const name = decodeURIComponent(new URL(url).pathname.slice(1)).replace(/"/g, '""');
  await admin(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

// ── Processes ──────────────────────────────────────────────────────────────────────────────────────────────────────

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Fixed secrets, so every process of one test accepts the others' sessions and encrypted keys. */
export const FIXED_SECRETS = {
  AUTH_SECRET: "studio-process-test-auth-secret-0123456789abcdef",
  STUDIO_ENCRYPTION_KEY: Buffer.alloc(32, 11).toString("base64"),
};

export interface StudioSeed {
  email: string;
  password: string;
  workspace: string;
  token: string;
}

export interface StudioProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** Environment without what would change how the studio starts (NODE_ENV, the caller's NEXT_DIST_DIR, …). */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ["NODE_ENV", "NEXT_DIST_DIR", "STUDIO_EMBEDDED", "PORT", "STUDIO_DEV", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "TEST"]) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith("STUDIO_INIT_") || k.startsWith("__VITEST")) delete env[k];
  return env;
}

function buildStamp(distDir: string) {
  return path.join(ROOT, distDir, "BUILD_ID");
}

/**
 * Make sure `distDir` holds a production build of the current sources, building it (with the product's own
 * buildIfNeeded, so the same staleness rule as `npm start`) when it does not. Takes 1–3 minutes when it builds.
 * Note: the first `next build` into a new folder adds that folder's types to tsconfig.json (Next.js does this).
 */
export async function ensureBuilt(distDir: string, opts: { timeoutMs?: number; log?: (s: string) => void } = {}): Promise<void> {
  const child = spawn(TSX, ["-e", "import('./lib/setup/build-if-needed.ts').then((m) => m.buildIfNeeded(process.cwd()))"], {
    cwd: ROOT,
    env: { ...baseEnv(), NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const onData = (d: Buffer) => {
    out += d.toString();
    opts.log?.(d.toString().trimEnd());
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const code = await waitExit(child, opts.timeoutMs ?? 330_000);
  if (code !== 0 || !fs.existsSync(buildStamp(distDir))) throw new Error(`building ${distDir} failed (exit ${code}):\n${out.slice(-4000)}`);
}

/**
 * Mark the build in `distDir` as current, so that a process started now does not rebuild the folder another
 * running process serves from (others may be editing sources while a test runs).
 */
export function markBuildCurrent(distDir: string): void {
  const stamp = buildStamp(distDir);
  if (fs.existsSync(stamp)) {
    const t = new Date();
    fs.utimesSync(stamp, t, t);
  }
}

function waitExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const t = setTimeout(() => {
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });
}

/**
 * Start `tsx scripts/start.ts` (what `npm start` runs) on `databaseUrl`, serving the build in `distDir` (built by
 * the process itself when it is missing or stale). Resolves once it printed that it is ready.
 */
export async function startStudio(opts: {
  databaseUrl: string;
  distDir: string;
  port?: number;
  seed?: StudioSeed;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  log?: (s: string) => void;
}): Promise<StudioProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-process-"));
  const seed = opts.seed
    ? {
        STUDIO_INIT_USER_EMAIL: opts.seed.email,
        STUDIO_INIT_USER_PASSWORD: opts.seed.password,
        STUDIO_INIT_WORKSPACE: opts.seed.workspace,
        STUDIO_INIT_API_TOKEN: opts.seed.token,
      }
    : {};
  const child = spawn(TSX, ["scripts/start.ts"], {
    cwd: ROOT,
    env: {
      ...baseEnv(),
      ...FIXED_SECRETS,
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      NEXT_DIST_DIR: opts.distDir,
      STUDIO_WORKER: "off",
      NEXT_TELEMETRY_DISABLED: "1",
      ...seed,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const onData = (d: Buffer) => {
    out += d.toString();
    opts.log?.(d.toString().trimEnd());
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const proc: StudioProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(t);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`studio on port ${port} not ready after ${opts.readyTimeoutMs ?? 330_000} ms:\n${out.slice(-4000)}`)), opts.readyTimeoutMs ?? 330_000);
      const check = () => {
        if (/Spec Studio is ready at/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on("data", check);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`studio on port ${port} exited (${code}) before it was ready:\n${out.slice(-4000)}`));
      });
    });
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return proc;
}

// ── HTTP ───────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function api<T = unknown>(base: string, token: string, method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed as T };
}

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
  /** performance.now() when the chunk holding its end arrived */
  at: number;
}

/** A Server-Sent Events stream read with fetch: every event is queued; `next` waits for the next one that matches. */
export class SseStream {
  private queue: SseEvent[] = [];
  private waiters: { match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  private listeners: ((e: SseEvent) => void)[] = [];
  private readonly controller = new AbortController();
  closed = false;
  error: unknown = null;

  private constructor() {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const s = new SseStream();
    const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: s.controller.signal });
    if (!res.ok || !res.body) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
    void s.pump(res.body);
    return s;
  }

  /** Called for every event as it arrives (events already queued are not replayed). */
  onEvent(fn: (e: SseEvent) => void) {
    this.listeners.push(fn);
  }

  private async pump(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        const at = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        let i: number;
        while ((i = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          let event = "message";
          let id: string | undefined;
          const data: string[] = [];
          let any = false;
          for (const line of frame.split("\n")) {
            if (line.startsWith(":")) continue;
            const c = line.indexOf(":");
            const field = c < 0 ? line : line.slice(0, c);
            const value = c < 0 ? "" : line.slice(c + 1).replace(/^ /, "");
            if (field === "event") event = value;
            else if (field === "data") {
              data.push(value);
              any = true;
            } else if (field === "id") id = value;
          }
          if (any) this.dispatch({ event, data: data.join("\n"), id, at });
        }
      }
    } catch (err) {
      if (!this.controller.signal.aborted) this.error = err;
    } finally {
      this.closed = true;
    }
  }

  private dispatch(e: SseEvent) {
    for (const l of this.listeners) l(e);
    const w = this.waiters.findIndex((x) => x.match(e));
    if (w >= 0) {
      const [waiter] = this.waiters.splice(w, 1);
      waiter.resolve(e);
    } else if (this.listeners.length === 0) {
      this.queue.push(e); // for next(); a stream with a listener hands its events to the listener only
    }
  }

  /** The next queued or arriving event for which `match` is true (by event name when a string). */
  next(match: string | ((e: SseEvent) => boolean), timeoutMs = 10_000): Promise<SseEvent> {
    const fn = typeof match === "string" ? (e: SseEvent) => e.event === match : match;
    const i = this.queue.findIndex(fn);
    if (i >= 0) return Promise.resolve(this.queue.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const waiter = { match: fn, resolve: (e: SseEvent) => (clearTimeout(t), resolve(e)) };
      const t = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching SSE event within ${timeoutMs} ms (queued: ${this.queue.map((e) => e.event).join(", ") || "none"})`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Drop queued events (those a test has no use for). */
  drain(): SseEvent[] {
    return this.queue.splice(0);
  }

  close() {
    this.controller.abort();
    this.closed = true;
  }
}

const b64 = (u: Uint8Array) => Buffer.from(u).toString("base64");
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));

/**
 * What the browser's SpecSyncProvider does, in Node: a Y.Doc fed by the events stream (sync, update, awareness) and
 * whose local edits are POSTed one request at a time (edits made while a request is in flight are merged into the
 * next), with an API token instead of a session cookie.
 */
export class CollabClient {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  stream: SseStream | null = null;
  canEdit = false;
  private pending: Uint8Array[] = [];
  private sending: Promise<void> | null = null;
  /** Round trip of every POST of updates, in ms. */
  readonly postTimes: number[] = [];
  /** Called with performance.now() whenever a remote update was applied. */
  onRemoteUpdate: ((at: number) => void) | null = null;
  errors: string[] = [];

  constructor(
    readonly base: string,
    readonly slug: string,
    readonly specId: string,
    readonly token: string,
  ) {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      this.pending.push(update);
      void this.flush();
    });
  }

  get collabBase() {
    return `${this.base}/api/collab/${this.slug}/specs/${this.specId}`;
  }

  get text() {
    return this.doc.getText("content").toString();
  }

  /** Open the events stream and wait for hello + sync. */
  async connect(): Promise<void> {
    const stream = await SseStream.open(`${this.collabBase}/events?clientId=${this.doc.clientID}`, { authorization: `Bearer ${this.token}` });
    this.stream = stream;
    const hello = JSON.parse((await stream.next("hello")).data) as { canEdit: boolean };
    this.canEdit = hello.canEdit;
    const sync = unb64((await stream.next("sync")).data);
    Y.applyUpdate(this.doc, sync, this);
    stream.onEvent((e) => {
      if (e.event === "update") {
        Y.applyUpdate(this.doc, unb64(e.data), this);
        this.onRemoteUpdate?.(performance.now());
      } else if (e.event === "awareness") {
        applyAwarenessUpdate(this.awareness, unb64(e.data), this);
      }
    });
    // Updates that arrived between sync and now were queued: apply them.
    for (const e of stream.drain()) {
      if (e.event === "update") Y.applyUpdate(this.doc, unb64(e.data), this);
      else if (e.event === "awareness") applyAwarenessUpdate(this.awareness, unb64(e.data), this);
    }
    // Anything we hold that the server lacks.
    const missing = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVectorFromUpdate(sync));
    if (this.canEdit && Y.parseUpdateMeta(missing).to.size > 0) {
      this.pending.push(missing);
      void this.flush();
    }
  }

  /** Send pending edits; resolves when everything pending at the time of the call was accepted. */
  async flush(): Promise<void> {
    while (this.sending) await this.sending;
    if (this.pending.length === 0) return;
    const sent = this.pending.length;
    const update = sent === 1 ? this.pending[0] : Y.mergeUpdates(this.pending);
    this.sending = (async () => {
      try {
        const started = performance.now();
        const res = await fetch(`${this.collabBase}/updates`, {
          method: "POST",
          headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
          body: JSON.stringify({ update: b64(update) }),
        });
        this.postTimes.push(performance.now() - started);
        this.pending.splice(0, sent);
        if (!res.ok) this.errors.push(`POST updates: ${res.status} ${await res.text()}`);
      } catch (err) {
        // Kept pending; the next flush sends it again (as the browser's provider does after a resync).
        this.errors.push(`POST updates: ${err instanceof Error ? err.message : String(err)}`);
      }
    })().finally(() => {
      this.sending = null;
    });
    const failures = this.errors.length;
    await this.sending;
    if (this.pending.length && this.errors.length === failures) await this.flush();
  }

  /** Share presence (name, cursor) through the awareness endpoint. */
  async setPresence(state: Record<string, unknown>): Promise<number> {
    this.awareness.setLocalState(state);
    const res = await fetch(`${this.collabBase}/awareness`, {
      method: "POST",
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
      body: JSON.stringify({ update: b64(encodeAwarenessUpdate(this.awareness, [this.doc.clientID])) }),
    });
    return res.status;
  }

  /** Resolve once `pred(text)` holds (checked on every remote update), or reject after `timeoutMs`. */
  waitForText(pred: (text: string) => boolean, timeoutMs = 10_000): Promise<number> {
    if (pred(this.text)) return Promise.resolve(performance.now());
    return new Promise((resolve, reject) => {
      const onUpdate = (_u: Uint8Array, origin: unknown) => {
        if (origin !== this) return;
        if (pred(this.text)) {
          clearTimeout(t);
          this.doc.off("update", onUpdate);
          resolve(performance.now());
        }
      };
      const t = setTimeout(() => {
        this.doc.off("update", onUpdate);
        reject(new Error(`text not as expected within ${timeoutMs} ms; it is:\n${this.text.slice(0, 500)}`));
      }, timeoutMs);
      this.doc.on("update", onUpdate);
    });
  }

  close() {
    this.stream?.close();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Poll `fn` until it returns a truthy value (returned) or `timeoutMs` passes (throws with the last value). */
export async function waitUntil<T>(fn: () => Promise<T> | T, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms (last: ${JSON.stringify(last)?.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

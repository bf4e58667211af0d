// A minimal COPY … FROM STDIN for node-postgres (what pg-copy-streams does, without the dependency): the client
// accepts any object with submit(); this one sends a prepared text-format payload when the server asks for it.
import type pg from "pg";

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

const CHUNK = 1 << 20;

class CopyIn {
  private error: Error | null = null;
  private settled = false;
  constructor(
    readonly text: string,
    private readonly payload: Buffer,
    private readonly done: (err: Error | null) => void,
  ) {}
  submit(connection: PgConnection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: PgConnection) {
    for (let at = 0; at < this.payload.length; at += CHUNK) connection.sendCopyFromChunk(this.payload.subarray(at, at + CHUNK));
    connection.endCopyFrom();
  }
  handleError(err: Error) {
    this.error ??= err;
  }
  handleReadyForQuery() {
    if (this.settled) return;
    this.settled = true;
    this.done(this.error);
  }
  handleCommandComplete() {}
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Run `COPY table (cols) FROM STDIN` on a client with a payload already in COPY text format. */
export function copyFrom(client: pg.PoolClient | pg.Client, sql: string, payload: string | Buffer): Promise<void> {
  const buf = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  return new Promise((resolve, reject) => {
    const q = new CopyIn(sql, buf, (err) => (err ? reject(err) : resolve()));
    (client as unknown as { query(q: unknown): void }).query(q);
  });
}

/** One field in COPY text format: \N for NULL, backslash escapes for \, tab, newline, carriage return. */
export function copyField(v: string | number | null): string {
  if (v === null) return "\\N";
  if (typeof v === "number") return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : v;
}

"use client";

import * as Y from "yjs";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import { backoffDelayMs, retryAfterMs } from "@/lib/utils/backoff";

/** Backoff for edits the server could not take right now (429, 5xx): from about a second, doubling, up to 30 s. */
const SEND_RETRY = { baseMs: 1_000, capMs: 30_000 };

export type SyncStatus = "connecting" | "synced" | "offline" | "read-only-error";

const b64encode = (u: Uint8Array) => {
  let s = "";
  for (let i = 0; i < u.length; i += 0x8000) s += String.fromCharCode(...u.subarray(i, i + 0x8000));
  return btoa(s);
};
const b64decode = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/**
 * Keeps a Yjs document in sync with the studio over Server-Sent Events (server → browser) and POST (browser →
 * server). Local edits made while offline stay in the document; on reconnect the server's state arrives and
 * everything it lacks is sent back in one update, so both sides converge with nothing lost.
 */
export class SpecSyncProvider {
  readonly awareness: Awareness;
  status: SyncStatus = "connecting";
  canEdit = false;
  private source: EventSource | null = null;
  private pending: Uint8Array[] = [];
  private sending = false;
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** failed sends in a row (429 or 5xx); reset by the next accepted one */
  private failures = 0;
  /** when the next attempt after a refused send is due (ms epoch), or null */
  private retryAt: number | null = null;

  constructor(
    private readonly base: string,
    readonly doc: Y.Doc,
    private readonly on: { status?: (s: SyncStatus) => void; hello?: (h: { canEdit: boolean; role: string; archived: boolean }) => void; error?: (message: string) => void } = {},
  ) {
    this.awareness = new Awareness(doc);
    doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
    window.addEventListener("online", this.flush);
    this.connect();
  }

  private setStatus(s: SyncStatus) {
    this.status = s;
    this.on.status?.(s);
  }

  private connect() {
    this.setStatus("connecting");
    const es = new EventSource(`${this.base}/events?clientId=${this.doc.clientID}`);
    this.source = es;
    es.addEventListener("hello", (e) => {
      const hello = JSON.parse((e as MessageEvent).data) as { canEdit: boolean; role: string; archived: boolean };
      this.canEdit = hello.canEdit;
      this.on.hello?.(hello);
    });
    es.addEventListener("sync", (e) => {
      const serverState = b64decode((e as MessageEvent).data);
      Y.applyUpdate(this.doc, serverState, this);
      // Everything we have that the server lacks (edits made offline, or lost in flight).
      const missing = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVectorFromUpdate(serverState));
      this.pending = this.canEdit && Y.parseUpdateMeta(missing).to.size > 0 ? [missing] : [];
      this.setStatus("synced");
      this.flush();
      this.sendAwareness();
    });
    es.addEventListener("update", (e) => Y.applyUpdate(this.doc, b64decode((e as MessageEvent).data), this));
    es.addEventListener("awareness", (e) => applyAwarenessUpdate(this.awareness, b64decode((e as MessageEvent).data), this));
    es.onerror = () => {
      if (this.destroyed) return;
      // EventSource reconnects by itself; the next "sync" resends what the server missed.
      this.setStatus("offline");
    };
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this || !this.canEdit) return;
    this.pending.push(update);
    this.flush();
  };

  private flush = () => {
    if (this.sending || this.retryTimer || this.pending.length === 0 || this.status !== "synced" || this.destroyed) return;
    const update = this.pending.length === 1 ? this.pending[0] : Y.mergeUpdates(this.pending);
    const sent = this.pending.length;
    this.sending = true;
    void fetch(`${this.base}/updates`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ update: b64encode(update) }),
    })
      .then(async (res) => {
        if (res.ok) {
          this.pending.splice(0, sent);
          this.failures = 0;
        } else if (res.status >= 400 && res.status < 500 && res.status !== 429) {
          // The server will never take this update (role changed, spec archived, too large): say so, drop it.
          this.pending.splice(0, sent);
          this.failures = 0;
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          this.on.error?.(body?.error?.message ?? `Your edit was refused (${res.status}).`);
        } else {
          // Busy or failing (429, 5xx): keep the edit and try again later, backing off, as the server asks.
          this.failures++;
          this.scheduleRetry(backoffDelayMs(this.failures, { ...SEND_RETRY, retryAfterMs: retryAfterMs({ "retry-after": res.headers.get("retry-after") ?? "" }) }));
        }
      })
      .catch(() => this.resync())
      .finally(() => {
        this.sending = false;
        if (this.pending.length && this.status === "synced" && !this.retryTimer) setTimeout(this.flush, 50);
      });
  };

  private scheduleRetry(delayMs: number) {
    this.retryAt = Date.now() + delayMs;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryAt = null;
      this.flush();
    }, delayMs);
  }

  /** Milliseconds until the next attempt to send edits the server refused for now, or null when none is waiting. */
  get retryingInMs(): number | null {
    return this.retryAt === null ? null : Math.max(0, this.retryAt - Date.now());
  }

  private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === this) return;
    if (![...added, ...updated, ...removed].includes(this.doc.clientID)) return;
    if (this.awarenessTimer) return;
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = null;
      this.sendAwareness();
    }, 60);
  };

  private sendAwareness() {
    if (this.status !== "synced" || this.destroyed) return;
    const update = encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
    void fetch(`${this.base}/awareness`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ update: b64encode(update) }),
    }).catch(() => undefined);
  }

  /**
   * A send failed (network down) while the event stream may still look open — it does not always error when the
   * connection drops. Reopen the stream: its next "sync" resends everything the server lacks.
   */
  private resync() {
    if (this.destroyed) return;
    this.setStatus("offline");
    if (this.resyncTimer) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      if (this.destroyed || this.status !== "offline") return;
      this.source?.close();
      this.connect();
    }, 1000);
  }

  /** Edits not yet confirmed by the server. */
  get unsentCount(): number {
    return this.pending.length;
  }

  destroy() {
    this.destroyed = true;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    removeAwarenessStates(this.awareness, [this.doc.clientID], "local");
    this.source?.close();
    window.removeEventListener("online", this.flush);
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
  }
}

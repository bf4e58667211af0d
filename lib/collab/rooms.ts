import * as Y from "yjs";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_SPEC_BYTES } from "@/lib/specs/format";
import { appendUpdate, compactSpec, loadSpecDoc } from "@/lib/collab/persistence";
import { emit, on, RECONNECTED } from "@/lib/realtime/bus";
import { textOf, toBase64, fromBase64 } from "@/lib/collab/doc-codec";
import { syncSpecContent } from "@/lib/collab/sync-content";

export type RoomEvent = { type: "update" | "awareness"; data: string };
type Subscriber = (e: RoomEvent) => void;

const COMPACT_AFTER = 200;
const UNLOAD_AFTER_MS = 30_000;
const CONTENT_DEBOUNCE_MS = 200;

/** One spec's live document in this process: the merged Yjs state, who is present, and the open streams. */
export class SpecRoom {
  readonly awareness: Awareness;
  readonly subscribers = new Set<Subscriber>();
  private readonly applied = new Set<string>();
  private sinceCompaction: number;
  private contentTimer: NodeJS.Timeout | null = null;
  unloadTimer: NodeJS.Timeout | null = null;

  constructor(readonly specId: string, readonly doc: Y.Doc, appliedIds: bigint[]) {
    this.awareness = new Awareness(doc);
    // The server holds no presence of its own.
    this.awareness.setLocalState(null);
    for (const id of appliedIds) this.applied.add(id.toString());
    this.sinceCompaction = appliedIds.length;
  }

  broadcast(e: RoomEvent) {
    for (const s of this.subscribers) s(e);
  }

  /** Apply an update that is already stored (ours or another process's), once. */
  applyStored(id: bigint | string, update: Uint8Array) {
    const key = id.toString();
    if (this.applied.has(key)) return;
    this.applied.add(key);
    if (this.applied.size > 50_000) this.applied.clear();
    Y.applyUpdate(this.doc, update, "remote");
    this.broadcast({ type: "update", data: toBase64(update) });
    this.scheduleContentSync();
    if (++this.sinceCompaction >= COMPACT_AFTER) {
      this.sinceCompaction = 0;
      void compactSpec(getDb(), this.specId).catch((err) => console.error(`[collab] compaction of ${this.specId} failed`, err));
    }
  }

  private scheduleContentSync() {
    if (this.contentTimer) clearTimeout(this.contentTimer);
    this.contentTimer = setTimeout(() => {
      this.contentTimer = null;
      void syncSpecContent(getDb(), this.specId, textOf(this.doc)).catch((err) => console.error("[collab] content sync failed", err));
    }, CONTENT_DEBOUNCE_MS);
  }

  /** Flush the mirrored text now (used before a revision is saved). */
  async flushContent(): Promise<string> {
    if (this.contentTimer) clearTimeout(this.contentTimer);
    this.contentTimer = null;
    const text = textOf(this.doc);
    await syncSpecContent(getDb(), this.specId, text);
    return text;
  }

  destroy() {
    if (this.contentTimer) {
      clearTimeout(this.contentTimer);
      void syncSpecContent(getDb(), this.specId, textOf(this.doc)).catch(() => undefined);
    }
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Messages to the other processes serving the same spec. */
type CollabMessage = { kind: "update"; specId: string; updateId: string } | { kind: "awareness"; specId: string; data: string };
const publish = (msg: CollabMessage) => emit("collab", JSON.stringify(msg), { local: false });

const g = globalThis as unknown as { __studioRooms?: Map<string, Promise<SpecRoom>>; __studioCollabRelay?: () => void; __studioCollabResync?: () => void };
const rooms: Map<string, Promise<SpecRoom>> = (g.__studioRooms ??= new Map());

function onRelay(raw: string) {
  const msg = JSON.parse(raw) as CollabMessage;
  const pending = rooms.get(msg.specId);
  if (!pending) return;
  void pending.then(async (room) => {
    if (msg.kind === "awareness") {
      applyAwarenessUpdate(room.awareness, fromBase64(msg.data), "relay");
      room.broadcast({ type: "awareness", data: msg.data });
    } else {
      const row = await getDb().specUpdate.findUnique({ where: { id: BigInt(msg.updateId) }, select: { data: true } });
      if (row) room.applyStored(msg.updateId, row.data);
      // Already folded into the snapshot by a compaction, or it arrived before an update it depends on.
      if (!row || room.doc.store.pendingStructs) await resync(room);
    }
  });
}

/**
 * Bring a room up to what the database holds (after a missed relay message) and send the difference to its
 * editors. Updates are idempotent, so applying what the room already has is harmless.
 */
export async function resync(room: SpecRoom): Promise<void> {
  const { doc } = await loadSpecDoc(getDb(), room.specId);
  const missing = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(room.doc));
  doc.destroy();
  if (Y.parseUpdateMeta(missing).to.size === 0) return;
  Y.applyUpdate(room.doc, missing, "remote");
  room.broadcast({ type: "update", data: toBase64(missing) });
}

function resyncAll() {
  for (const pending of rooms.values()) void pending.then(resync).catch((err) => console.error("[collab] resync failed", err));
}

/** The room of a spec, loaded from the database on first use in this process. */
export function getRoom(specId: string): Promise<SpecRoom> {
  let pending = rooms.get(specId);
  if (!pending) {
    pending = (async () => {
      g.__studioCollabRelay ??= on("collab", onRelay);
      g.__studioCollabResync ??= on(RECONNECTED, resyncAll);
      const { doc, appliedIds } = await loadSpecDoc(getDb(), specId);
      return new SpecRoom(specId, doc, appliedIds);
    })();
    pending.catch(() => rooms.delete(specId));
    rooms.set(specId, pending);
  }
  return pending.then((room) => {
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = null;
    if (room.subscribers.size === 0) scheduleUnload(room);
    return room;
  });
}

function scheduleUnload(room: SpecRoom) {
  if (room.unloadTimer) clearTimeout(room.unloadTimer);
  room.unloadTimer = setTimeout(() => {
    if (room.subscribers.size > 0) return;
    rooms.delete(room.specId);
    room.destroy();
  }, UNLOAD_AFTER_MS);
  room.unloadTimer.unref?.();
}

/** Follow a room; returns the unsubscribe function, which also withdraws the client's presence. */
export function subscribe(room: SpecRoom, fn: Subscriber, clientId: number | null): () => void {
  if (room.unloadTimer) clearTimeout(room.unloadTimer);
  room.subscribers.add(fn);
  return () => {
    room.subscribers.delete(fn);
    if (clientId !== null && room.awareness.getStates().has(clientId)) {
      removeAwarenessStates(room.awareness, [clientId], "disconnect");
      const data = toBase64(encodeAwarenessUpdate(room.awareness, [clientId]));
      room.broadcast({ type: "awareness", data });
      publish({ kind: "awareness", specId: room.specId, data });
    }
    if (room.subscribers.size === 0) scheduleUnload(room);
  };
}

/** Store a client's document update, then apply and relay it. Throws payload_too_large past the 1 MB limit. */
export async function applyClientUpdate(room: SpecRoom, update: Uint8Array, userId: string | null): Promise<void> {
  // Refuse bytes that are not an update before storing them: a stored one would break every later load of the spec.
  try {
    Y.decodeUpdate(update);
  } catch {
    throw new AppError("bad_request", "The update could not be applied: it is not a valid Yjs update.");
  }
  // The limit is in bytes: a character takes up to 3 (UTF-16 unit → UTF-8), so count them only when that could matter.
  const text = room.doc.getText("content");
  const current = text.length * 3 + update.byteLength > MAX_SPEC_BYTES ? Buffer.byteLength(text.toString()) : text.length;
  if (current + update.byteLength > MAX_SPEC_BYTES) {
    const probe = new Y.Doc();
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(room.doc));
    Y.applyUpdate(probe, update);
    const size = Buffer.byteLength(textOf(probe));
    probe.destroy();
    if (size > MAX_SPEC_BYTES) {
      throw new AppError("payload_too_large", `This edit would make the spec ${size.toLocaleString("en")} bytes; the limit is ${MAX_SPEC_BYTES.toLocaleString("en")}.`);
    }
  }
  const id = await appendUpdate(getDb(), room.specId, update, userId);
  room.applyStored(id, update);
  publish({ kind: "update", specId: room.specId, updateId: id.toString() });
}

export function applyClientAwareness(room: SpecRoom, update: Uint8Array): void {
  applyAwarenessUpdate(room.awareness, update, "client");
  const data = toBase64(update);
  room.broadcast({ type: "awareness", data });
  publish({ kind: "awareness", specId: room.specId, data });
}

/** Number of rooms loaded in this process (for the memory benchmark). */
export const loadedRoomCount = () => rooms.size;

/** Unload every room now (tests and benchmarks). */
export async function unloadAllRooms(): Promise<void> {
  for (const [id, pending] of rooms) {
    rooms.delete(id);
    const room = await pending.catch(() => null);
    if (room?.unloadTimer) clearTimeout(room.unloadTimer);
    room?.destroy();
  }
}

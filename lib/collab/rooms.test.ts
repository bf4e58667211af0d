import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import { applyClientAwareness, applyClientUpdate, getRoom, loadedRoomCount, subscribe, unloadAllRooms, type RoomEvent } from "@/lib/collab/rooms";
import { loadSpecDoc } from "@/lib/collab/persistence";
import { fromBase64, textOf } from "@/lib/collab/doc-codec";
import { syncSpecContent } from "@/lib/collab/sync-content";
import { createSpec } from "@/lib/specs/create-spec";
import { setDocumentText } from "@/lib/specs/set-document-text";
import { MAX_SPEC_BYTES } from "@/lib/specs/format";
import { makeWorkspace, testDb, uniq } from "@/tests/helpers/db";
import { accessFor, FOUR_STEP_YAML, INVALID_YAML } from "@/tests/helpers/runs";
import { expectAppError } from "@/tests/helpers/errors";

const db = testDb();

async function makeSpec(content = FOUR_STEP_YAML) {
  const { ws, owner } = await makeWorkspace();
  const access = await accessFor(db, ws.id, owner);
  const spec = await createSpec(db, access, { name: uniq("spec"), content, source: "blank" });
  return { spec, owner };
}

/** A client doc synced from the room's current state; `capture` runs an edit and returns its update. */
function clientOf(doc: Y.Doc) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const capture = (edit: (t: Y.Text) => void): Uint8Array => {
    const parts: Uint8Array[] = [];
    const on = (u: Uint8Array) => parts.push(u);
    client.on("update", on);
    client.transact(() => edit(client.getText("content")));
    client.off("update", on);
    return parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
  };
  return { doc: client, capture, text: () => textOf(client) };
}

const countUpdates = (specId: string) => db.specUpdate.count({ where: { specId } });

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(async () => {
  await unloadAllRooms();
});

describe("rooms: applying client updates", () => {
  it("stores, applies and broadcasts an update; the spec row mirrors the text after the debounce", async () => {
    const { spec, owner } = await makeSpec();
    const room = await getRoom(spec.id);
    const seen: RoomEvent[] = [];
    const unsubscribe = subscribe(room, (e) => seen.push(e), null);
    const client = clientOf(room.doc);
    const update = client.capture((t) => t.insert(0, "# live edit\n"));
    await applyClientUpdate(room, update, owner.id);
    expect(textOf(room.doc)).toBe(`# live edit\n${FOUR_STEP_YAML}`);
    expect(seen).toHaveLength(1);
    expect(seen[0].type).toBe("update");
    expect(fromBase64(seen[0].data)).toEqual(update);
    const rows = await db.specUpdate.findMany({ where: { specId: spec.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].userId).toBe(owner.id);
    await waitFor(() => db.spec.findUniqueOrThrow({ where: { id: spec.id } }), (s) => s.content === textOf(room.doc));
    unsubscribe();
  });

  it("getRoom returns one room per spec while it is loaded", async () => {
    const { spec } = await makeSpec();
    const [a, b] = await Promise.all([getRoom(spec.id), getRoom(spec.id)]);
    expect(a).toBe(b);
    expect(loadedRoomCount()).toBeGreaterThanOrEqual(1);
    await unloadAllRooms();
    expect(loadedRoomCount()).toBe(0);
    const c = await getRoom(spec.id);
    expect(c).not.toBe(a);
    expect(textOf(c.doc)).toBe(FOUR_STEP_YAML);
  });

  it("a room applying 500 updates compacts them into the snapshot (every 200), and reloads to the same text", async () => {
    const { spec, owner } = await makeSpec();
    const room = await getRoom(spec.id);
    const client = clientOf(room.doc);
    const ids: bigint[] = [];
    for (let i = 0; i < 500; i++) {
      const u = client.capture((t) => t.insert((i * 7919) % (t.length + 1), String.fromCharCode(97 + (i % 26))));
      await applyClientUpdate(room, u, owner.id);
      // The id it was given (nothing else writes updates meanwhile; the row itself may be folded away already).
      const [{ id }] = await db.$queryRaw<{ id: bigint }[]>`SELECT last_value AS id FROM spec_updates_id_seq`;
      ids.push(BigInt(id));
    }
    expect(textOf(room.doc)).toBe(client.text());
    // Compaction runs in the background after the 200th and the 400th update.
    const snap = await waitFor(
      () => db.specSnapshot.findUniqueOrThrow({ where: { specId: spec.id } }),
      (s) => s.upToId >= ids[399],
    );
    expect(snap.upToId).toBeGreaterThanOrEqual(ids[399]);
    const left = await countUpdates(spec.id);
    expect(left).toBeLessThanOrEqual(100);
    expect(left).toBeGreaterThan(0);
    await unloadAllRooms();
    const loaded = await loadSpecDoc(db, spec.id);
    expect(loaded.updateCount).toBe(left);
    expect(textOf(loaded.doc)).toBe(client.text());
  });

  it("refuses an update that would make the spec larger than 1 MB (payload_too_large), and stores nothing", async () => {
    const { spec, owner } = await makeSpec();
    const room = await getRoom(spec.id);
    const client = clientOf(room.doc);
    const big = client.capture((t) => t.insert(t.length, "a".repeat(MAX_SPEC_BYTES)));
    await expectAppError(applyClientUpdate(room, big, owner.id), "payload_too_large");
    expect(await countUpdates(spec.id)).toBe(0);
    expect(textOf(room.doc)).toBe(FOUR_STEP_YAML);
  });

  it("counts bytes, not characters: multi-byte text past 1 MB is refused too", async () => {
    // 200,000 three-byte characters (600 kB), then 150,000 more (450 kB): 1.05 MB in all, though only 350,000
    // characters and a 450 kB update.
    const { spec, owner } = await makeSpec("中".repeat(200_000));
    const room = await getRoom(spec.id);
    const client = clientOf(room.doc);
    const update = client.capture((t) => t.insert(t.length, "文".repeat(150_000)));
    expect(update.byteLength).toBeLessThan(MAX_SPEC_BYTES);
    await expectAppError(applyClientUpdate(room, update, owner.id), "payload_too_large");
    expect(await countUpdates(spec.id)).toBe(0);
    expect(Buffer.byteLength(textOf(room.doc))).toBe(600_000);
  });

  it("accepts an edit that stays within the limit on a spec near it", async () => {
    const { spec, owner } = await makeSpec(`# ${"x".repeat(MAX_SPEC_BYTES - 100)}\n`);
    const room = await getRoom(spec.id);
    const client = clientOf(room.doc);
    await applyClientUpdate(room, client.capture((t) => t.insert(0, "ok ")), owner.id);
    expect(await countUpdates(spec.id)).toBe(1);
  });

  it("invalid bytes are an error, nothing is stored, and the spec still loads", async () => {
    const { spec, owner } = await makeSpec();
    const room = await getRoom(spec.id);
    for (const garbage of [new Uint8Array([1, 2, 3, 4, 5]), new TextEncoder().encode("hello, this is not a Yjs update")]) {
      await expect(applyClientUpdate(room, garbage, owner.id)).rejects.toThrow();
    }
    expect(await countUpdates(spec.id)).toBe(0);
    expect(textOf(room.doc)).toBe(FOUR_STEP_YAML);
    // A good update afterwards is stored and applied, and the spec reloads from the database.
    const client = clientOf(room.doc);
    await applyClientUpdate(room, client.capture((t) => t.insert(0, "# fine\n")), owner.id);
    await unloadAllRooms();
    const reloaded = await getRoom(spec.id);
    expect(textOf(reloaded.doc)).toBe(`# fine\n${FOUR_STEP_YAML}`);
  });
});

describe("rooms: presence", () => {
  it("applies a client's awareness update, broadcasts it, and withdraws it when that client unsubscribes", async () => {
    const { spec } = await makeSpec();
    const room = await getRoom(spec.id);
    const client = new Y.Doc();
    const aw = new Awareness(client);
    aw.setLocalState({ user: { name: "Ada" }, cursor: 3 });
    const seen: RoomEvent[] = [];
    const watcher = subscribe(room, (e) => seen.push(e), null);
    const own = subscribe(room, () => undefined, client.clientID);
    applyClientAwareness(room, encodeAwarenessUpdate(aw, [client.clientID]));
    expect(room.awareness.getStates().get(client.clientID)).toEqual({ user: { name: "Ada" }, cursor: 3 });
    expect(seen.map((e) => e.type)).toEqual(["awareness"]);
    own();
    expect(room.awareness.getStates().has(client.clientID)).toBe(false);
    expect(seen.map((e) => e.type)).toEqual(["awareness", "awareness"]);
    watcher();
    aw.destroy();
  });
});

describe("setDocumentText", () => {
  it("replaces the text with the smallest edit, so a concurrent edit elsewhere survives", async () => {
    const { spec, owner } = await makeSpec();
    const room = await getRoom(spec.id);
    const editor = clientOf(room.doc);
    // An editor's change deep in the document, made before (and sent after) the API change.
    const anchor = FOUR_STEP_YAML.indexOf("plan must be one of");
    expect(anchor).toBeGreaterThan(0);
    const concurrent = editor.capture((t) => t.insert(anchor, "EDITOR "));
    // The API renames the workflow (first lines only).
    const next = FOUR_STEP_YAML.replace("name: customer_onboarding", "name: client_onboarding");
    expect(next).not.toBe(FOUR_STEP_YAML);
    const result = await setDocumentText(spec.id, next, owner.id);
    expect(result).toBe(next);
    // The stored update touches only the changed span, not the whole text.
    const [row] = await db.specUpdate.findMany({ where: { specId: spec.id } });
    expect(row.data.byteLength).toBeLessThan(100);
    const meta = Y.decodeUpdate(row.data);
    const inserted = meta.structs.reduce((n, s) => n + s.length, 0);
    expect(inserted).toBeLessThan(10);
    // The editor's concurrent change lands after; both survive, each where it was made.
    await applyClientUpdate(room, concurrent, owner.id);
    const merged = next.slice(0, anchor + (next.length - FOUR_STEP_YAML.length)) + "EDITOR " + next.slice(anchor + (next.length - FOUR_STEP_YAML.length));
    expect(textOf(room.doc)).toBe(merged);
    // and the editor converges to the same text
    Y.applyUpdate(editor.doc, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(editor.doc)));
    expect(editor.text()).toBe(merged);
  });

  it("flushes the mirrored text to the spec row before it returns; unchanged text stores nothing", async () => {
    const { spec, owner } = await makeSpec();
    await setDocumentText(spec.id, INVALID_YAML, owner.id);
    const row = await db.spec.findUniqueOrThrow({ where: { id: spec.id } });
    expect(row.content).toBe(INVALID_YAML);
    expect(row.valid).toBe(false);
    const before = await countUpdates(spec.id);
    await setDocumentText(spec.id, INVALID_YAML, owner.id);
    expect(await countUpdates(spec.id)).toBe(before);
  });
});

describe("syncSpecContent", () => {
  it("mirrors text and validity onto the spec row, and leaves an unchanged row alone", async () => {
    const { spec } = await makeSpec();
    expect((await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).valid).toBe(true);
    await syncSpecContent(db, spec.id, INVALID_YAML);
    let row = await db.spec.findUniqueOrThrow({ where: { id: spec.id } });
    expect(row.content).toBe(INVALID_YAML);
    expect(row.valid).toBe(false);
    const stamp = row.updatedAt;
    await new Promise((r) => setTimeout(r, 20));
    await syncSpecContent(db, spec.id, INVALID_YAML);
    row = await db.spec.findUniqueOrThrow({ where: { id: spec.id } });
    expect(row.updatedAt).toEqual(stamp);
    await syncSpecContent(db, spec.id, FOUR_STEP_YAML);
    row = await db.spec.findUniqueOrThrow({ where: { id: spec.id } });
    expect(row.content).toBe(FOUR_STEP_YAML);
    expect(row.valid).toBe(true);
  });
});

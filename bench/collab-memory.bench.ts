// Memory of the sync service (lib/collab/rooms.ts) in this process: 100 specs open at once — each room loaded
// from the database (snapshot + a short history), followed by one subscriber (an editor's event stream) with its
// presence, and edited a little — then every editor leaving. Rooms unload on their own 30 s after their last
// subscriber leaves; the bench waits for that (it does not call unloadAllRooms) and then for a second full
// open/close cycle, to see whether anything is left behind. Heap used is read after forced garbage collections.
import * as Y from "yjs";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import { getDb } from "@/lib/db";
import { applyClientAwareness, applyClientUpdate, getRoom, loadedRoomCount, subscribe, unloadAllRooms } from "@/lib/collab/rooms";
import { FOUR_STEP_YAML } from "../tests/helpers/runs";
import { bulkAppendUpdates, getGc, makeCollabFixture, openCollabBenchDb, settledHeap, simulateTyping } from "./lib/collab-fixture";
import { emit, log } from "./lib/report";
import { MB } from "./lib/stats";

const DOCS = Number(process.env.BENCH_COLLAB_DOCS ?? 100);
const HISTORY = 150; // keystrokes stored per spec (below the 200 that trigger a compaction)
const EDITS = 5; // edits each editor makes while its spec is open
const UNLOAD_WAIT_MS = 45_000;
const GOAL = "no growth left behind: heap after close ≈ heap before open";

const gc = getGc();
await openCollabBenchDb();
const db = getDb();
const fx = await makeCollabFixture("collabmem");

async function makeSpecs(n: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await fx.makeSpec(FOUR_STEP_YAML, `${label}-${i}`);
    const start = (await db.specSnapshot.findUniqueOrThrow({ where: { specId: id } })).state;
    await bulkAppendUpdates(id, simulateTyping(start, HISTORY, { seed: i + 1 }).updates, fx.userId);
    ids.push(id);
  }
  return ids;
}

/** Open every spec as one editor would: load the room, follow it, share presence, make a few edits. */
async function openAll(ids: string[]) {
  const closers: (() => void)[] = [];
  let events = 0;
  for (const id of ids) {
    const room = await getRoom(id);
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(room.doc));
    closers.push(subscribe(room, () => void events++, editor.clientID));
    const presence = new Awareness(editor);
    presence.setLocalState({ user: { name: "Bench", color: "#0af" }, cursor: { anchor: 10, head: 10 } });
    applyClientAwareness(room, encodeAwarenessUpdate(presence, [editor.clientID]));
    presence.destroy();
    for (let e = 0; e < EDITS; e++) {
      let update: Uint8Array | null = null;
      editor.once("update", (u: Uint8Array) => (update = u));
      editor.getText("content").insert(e * 3, "ab ");
      await applyClientUpdate(room, update!, fx.userId);
    }
    editor.destroy();
  }
  return { closers, events: () => events };
}

async function waitUnloaded(): Promise<number> {
  const s = Date.now();
  while (loadedRoomCount() > 0 && Date.now() - s < UNLOAD_WAIT_MS) await new Promise((r) => setTimeout(r, 250));
  return Date.now() - s;
}

// Warm-up cycle on other specs: module state, the bus's LISTEN connection, Prisma's pool and JIT are allocated once.
const warm = await makeSpecs(10, "warm");
const w = await openAll(warm);
w.closers.forEach((c) => c());
w.closers.length = 0;
await unloadAllRooms();
await new Promise((r) => setTimeout(r, 500)); // debounced content syncs of the warm-up rooms

const specs = await makeSpecs(DOCS, "doc");
const before = await settledHeap(gc);
log(`heap before: ${(before / MB).toFixed(1)} MB (${loadedRoomCount()} rooms loaded)`);

const cycle = async (n: number) => {
  const opened = await openAll(specs);
  await new Promise((r) => setTimeout(r, 500)); // let debounced content syncs run
  const open = await settledHeap(gc);
  const rooms = loadedRoomCount();
  log(`cycle ${n}: ${rooms} rooms open, ${opened.events()} events delivered; heap ${(open / MB).toFixed(1)} MB (+${((open - before) / MB).toFixed(2)} MB, ${((open - before) / 1024 / DOCS).toFixed(0)} kB per document)`);
  opened.closers.forEach((c) => c());
  opened.closers.length = 0; // the unsubscribe functions hold their rooms: a real stream drops them when it closes
  const waited = await waitUnloaded();
  const left = loadedRoomCount();
  log(`cycle ${n}: every editor left; ${left} rooms still loaded after ${(waited / 1000).toFixed(1)} s (they unload 30 s after their last subscriber)`);
  if (left > 0) await unloadAllRooms();
  await new Promise((r) => setTimeout(r, 300));
  const after = await settledHeap(gc);
  log(`cycle ${n}: heap after close ${(after / MB).toFixed(1)} MB (${after >= before ? "+" : ""}${((after - before) / MB).toFixed(2)} MB vs before)`);
  return { open, after, rooms, left };
};

const first = await cycle(1);
const second = await cycle(2);
if (first.rooms !== DOCS || second.rooms !== DOCS) throw new Error(`expected ${DOCS} rooms open, saw ${first.rooms} and ${second.rooms}`);

const stateBytes =
  (await db.specSnapshot.findMany({ where: { specId: { in: specs } }, select: { state: true } })).reduce((n, s) => n + s.state.byteLength, 0) +
  (await db.specUpdate.findMany({ where: { specId: { in: specs } }, select: { data: true } })).reduce((n, u) => n + u.data.byteLength, 0);
emit({ name: "collab-memory.heap_with_100_open", value: first.open / MB, unit: "MB", baseline: before / MB, baseline_name: "heap used before opening them (after GC)", goal: "for information (cost of open documents)" });
emit({
  name: "collab-memory.heap_per_open_doc",
  value: (first.open - before) / 1024 / DOCS,
  unit: "kB",
  baseline: stateBytes / 1024 / DOCS,
  baseline_name: "its stored Yjs state (snapshot + updates), per document",
  goal: "for information",
});
emit({ name: "collab-memory.heap_after_close", value: first.after / MB, unit: "MB", baseline: before / MB, baseline_name: "heap used before opening them (after GC)", goal: GOAL });
emit({ name: "collab-memory.heap_after_second_cycle", value: second.after / MB, unit: "MB", baseline: before / MB, baseline_name: "heap used before opening them (after GC)", goal: GOAL });
emit({ name: "collab-memory.rooms_left_after_unload_wait", value: first.left + second.left, unit: "rooms", baseline: 0, baseline_name: "none", goal: "0 (every room unloads 30 s after its last editor leaves)", ratio: 0 });
process.exit(0);

// Shared set-up of the collaboration benchmarks: the bench database as this process's DATABASE_URL (getDb(), the
// rooms and the bus all use it), a workspace with its owner, specs created the product's way (createSpec), a
// seeded simulation of people typing (one Yjs update per keystroke, as the editor sends them), a bulk loader for
// long histories, and a garbage collector for memory figures.
import { randomBytes } from "node:crypto";
import v8 from "node:v8";
import vm from "node:vm";
import * as Y from "yjs";
import { getDb, getPool } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/audit/actor";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { createSpec } from "@/lib/specs/create-spec";
import { textOf } from "@/lib/collab/doc-codec";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { accessFor } from "../../tests/helpers/runs";
import { prepareBenchDb } from "./db";
import { rng } from "./stats";

/** Point this process at the bench database (recreated and migrated unless bench/run.ts already did). */
export async function openCollabBenchDb(): Promise<string> {
  const url = await prepareBenchDb();
  process.env.DATABASE_URL = url;
  process.env.STUDIO_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  return url;
}

export interface CollabFixture {
  access: WorkspaceAccess;
  userId: string;
  workspaceId: string;
  makeSpec(content: string, name?: string): Promise<string>;
}

export async function makeCollabFixture(label: string): Promise<CollabFixture> {
  const db = getDb();
  const tag = `${label}${Date.now().toString(36)}`;
  const user = await db.user.create({ data: { email: `${tag}@bench.test`, name: "Bench" } });
  const ws = await createWorkspace(db, { userId: user.id, actor: SYSTEM_ACTOR, input: { name: tag, slug: tag.toLowerCase().replace(/[^a-z0-9-]/g, "-") } });
  const access = await accessFor(db, ws.id, user);
  let n = 0;
  return {
    access,
    userId: user.id,
    workspaceId: ws.id,
    makeSpec: async (content, name) => (await createSpec(db, access, { name: name ?? `${tag}-spec-${n++}`, content, source: "blank" })).id,
  };
}

/**
 * `count` keystrokes on a document that starts at `state`, as a few people typing would make them: bursts of 1–30
 * characters typed at one place, about one in six bursts deleting instead, the cursor moving between bursts, and
 * a new editor (a new Yjs client) every `perSession` keystrokes. One update per keystroke, in order.
 */
export function simulateTyping(state: Uint8Array, count: number, opts: { seed?: number; perSession?: number } = {}): { updates: Uint8Array[]; text: string } {
  const r = rng(opts.seed ?? 0xc0ffee);
  const perSession = opts.perSession ?? 2_000;
  const updates: Uint8Array[] = [];
  const server = new Y.Doc();
  Y.applyUpdate(server, state);
  let doc: Y.Doc | null = null;
  const words = ["step", "input", "output", "description", "depends_on", "id", "plan", "email", "dict", "str", " ", "\n", ": ", "- "];
  let cursor = 0;
  let burst = 0;
  let deleting = false;
  let pendingWord = "";
  while (updates.length < count) {
    if (!doc || updates.length % perSession === 0) {
      doc?.destroy();
      doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
      doc.on("update", (u: Uint8Array) => {
        updates.push(u);
        Y.applyUpdate(server, u);
      });
    }
    const text = doc.getText("content");
    if (burst <= 0) {
      cursor = Math.floor(r() * (text.length + 1));
      burst = 1 + Math.floor(r() * 30);
      deleting = r() < 1 / 6 && text.length > 200;
      pendingWord = "";
    }
    cursor = Math.min(cursor, text.length);
    if (deleting && cursor > 0) {
      text.delete(cursor - 1, 1); // backspace
      cursor--;
    } else {
      if (!pendingWord) pendingWord = words[Math.floor(r() * words.length)];
      text.insert(cursor, pendingWord[0]);
      pendingWord = pendingWord.slice(1);
      cursor++;
    }
    burst--;
  }
  doc?.destroy();
  const out = { updates: updates.slice(0, count), text: textOf(server) };
  server.destroy();
  return out;
}

/** Store updates for a spec as the product would have appended them (ids in order), in batches. */
export async function bulkAppendUpdates(specId: string, updates: Uint8Array[], userId: string | null = null): Promise<void> {
  const pool = getPool();
  for (let i = 0; i < updates.length; i += 2_000) {
    const batch = updates.slice(i, i + 2_000).map((u) => Buffer.from(u));
    await pool.query(
      `INSERT INTO spec_updates (spec_id, data, user_id)
       SELECT $1, d, $3 FROM unnest($2::bytea[]) WITH ORDINALITY AS t(d, ord) ORDER BY ord`,
      [specId, batch, userId],
    );
  }
}

/** The garbage collector: global.gc under --expose-gc, else enabled at run time (bench/run.ts starts node without it). */
export function getGc(): () => void {
  const g = globalThis as unknown as { gc?: () => void };
  if (typeof g.gc === "function") return g.gc;
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

/** Collect garbage until the used heap stops shrinking; returns heapUsed in bytes. */
export async function settledHeap(gc: () => void): Promise<number> {
  let last = Infinity;
  for (let i = 0; i < 10; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
    const used = process.memoryUsage().heapUsed;
    if (used >= last - 64 * 1024) return Math.min(used, last);
    last = used;
  }
  return last;
}

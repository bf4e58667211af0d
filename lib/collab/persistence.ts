import * as Y from "yjs";
import type { DbTx } from "@/lib/db";

/**
 * Apply updates one by one in a single transaction: the result is the same as applying Y.mergeUpdates(parts), but
 * merging is far slower on long histories (20,000 keystrokes: ~16 s to merge, ~50 ms to apply; bench/collab-load).
 */
function applyAll(doc: Y.Doc, parts: Uint8Array[]): void {
  if (parts.length) doc.transact(() => parts.forEach((p) => Y.applyUpdate(doc, p)));
}

/** Load a spec's document: its snapshot plus every update appended after it. Returns the ids it applied. */
export async function loadSpecDoc(db: DbTx, specId: string): Promise<{ doc: Y.Doc; appliedIds: bigint[]; updateCount: number }> {
  const doc = new Y.Doc();
  const snapshot = await db.specSnapshot.findUnique({ where: { specId } });
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  // Every stored update, not only those above upToId: ids are taken before commit, so an update can commit after a
  // compaction that folded a higher id. Compaction deletes what it folds, so what is left was never folded.
  const updates = await db.specUpdate.findMany({
    where: { specId },
    orderBy: { id: "asc" },
    select: { id: true, data: true },
  });
  applyAll(doc, updates.map((u) => u.data));
  return { doc, appliedIds: updates.map((u) => u.id), updateCount: updates.length };
}

export async function appendUpdate(db: DbTx, specId: string, data: Uint8Array, userId: string | null): Promise<bigint> {
  const row = await db.specUpdate.create({ data: { specId, data: Buffer.from(data), userId }, select: { id: true } });
  return row.id;
}

/**
 * Fold every update of a spec into its snapshot and delete them, in one transaction; concurrent appends are kept
 * (an append cannot commit while the spec row is locked: its foreign-key check waits). Returns how many were folded.
 */
export async function compactSpec(db: { $transaction: <T>(fn: (tx: DbTx) => Promise<T>) => Promise<T> }, specId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    // Lock the spec row so two compactors do not fold the same updates twice.
    await tx.$queryRaw`SELECT id FROM specs WHERE id = ${specId} FOR UPDATE`;
    const snapshot = await tx.specSnapshot.findUnique({ where: { specId } });
    const updates = await tx.specUpdate.findMany({
      where: { specId },
      orderBy: { id: "asc" },
      select: { id: true, data: true },
    });
    if (updates.length === 0) return 0;
    const parts = snapshot ? [snapshot.state, ...updates.map((u) => u.data)] : updates.map((u) => u.data);
    const doc = new Y.Doc();
    applyAll(doc, parts);
    const state = Buffer.from(Y.encodeStateAsUpdate(doc));
    const upToId = updates[updates.length - 1].id;
    await tx.specSnapshot.upsert({ where: { specId }, create: { specId, state, upToId }, update: { state, upToId } });
    await tx.specUpdate.deleteMany({ where: { specId, id: { lte: upToId } } });
    return updates.length;
  });
}

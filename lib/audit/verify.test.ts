import { afterAll, afterEach, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { verifyAuditChains } from "@/lib/audit/verify";
import { SYSTEM_ACTOR } from "@/lib/audit/actor";
import { ChainBuilder, insertMany, makeEventFields, writeChainHeads } from "@/bench/lib/audit-data";
import { rng } from "@/bench/lib/stats";
import { makeWorkspace, testDb, testPool } from "@/tests/helpers/db";
import { AUDIT_ROW_TRIGGER, AUDIT_TRUNCATE_TRIGGER, auditTriggerStates, expectedHash, tamperWithAudit, chainOf } from "@/tests/helpers/audit";

const db = testDb();
const pool = testPool();

const ENABLED = { [AUDIT_ROW_TRIGGER]: "O", [AUDIT_TRUNCATE_TRIGGER]: "O" };

afterEach(async () => {
  // belt and braces: whatever a test did, the protection is back on
  await pool.query(`ALTER TABLE audit_events ENABLE TRIGGER ${AUDIT_ROW_TRIGGER}`);
  await pool.query(`ALTER TABLE audit_events ENABLE TRIGGER ${AUDIT_TRUNCATE_TRIGGER}`);
});

afterAll(async () => {
  expect(await auditTriggerStates(pool)).toEqual(ENABLED);
});

describe("verifyAuditChains: intact chains", () => {
  it("reports an untouched chain as ok, with its event count", async () => {
    const c = await chainOf(6);
    expect(await verifyAuditChains(pool, { chain: c.chain })).toEqual({ ok: true, chains: 1, events: 6, breaks: [] });
  });

  it("reports a chain name with no events as ok and empty", async () => {
    expect(await verifyAuditChains(pool, { chain: "no-such-chain" })).toEqual({ ok: true, chains: 0, events: 0, breaks: [] });
  });
});

describe("the database keeps audit_events append-only", () => {
  it("has both protecting triggers enabled", async () => {
    expect(await auditTriggerStates(pool)).toEqual(ENABLED);
  });

  it("refuses UPDATE", async () => {
    const c = await chainOf(2);
    await expect(pool.query(`UPDATE audit_events SET action = 'forged' WHERE id = $1`, [c.id(2)])).rejects.toThrow(/append-only: UPDATE is not allowed/);
    await expect(db.auditEvent.update({ where: { id: c.events[1].id }, data: { action: "forged" } })).rejects.toThrow(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: c.events[1].id } })).action).toBe("spec.updated");
  });

  it("refuses DELETE", async () => {
    const c = await chainOf(2);
    await expect(pool.query(`DELETE FROM audit_events WHERE id = $1`, [c.id(1)])).rejects.toThrow(/append-only: DELETE is not allowed/);
    await expect(db.auditEvent.deleteMany({ where: { chain: c.chain } })).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.count({ where: { chain: c.chain } })).toBe(2);
  });

  it("refuses TRUNCATE", async () => {
    const c = await chainOf(1);
    const before = await db.auditEvent.count();
    const client = await pool.connect();
    try {
      // inside a transaction that is always rolled back, so a missing trigger could not wipe the table
      await client.query("BEGIN");
      await expect(client.query("TRUNCATE audit_events")).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
    expect(await db.auditEvent.count()).toBe(before);
    expect((await verifyAuditChains(pool, { chain: c.chain })).ok).toBe(true);
  });

  it("puts the protection back when tampering fails half-way", async () => {
    const c = await chainOf(2);
    await expect(tamperWithAudit(pool, `UPDATE audit_events SET no_such_column = 1 WHERE id = $1`, [c.id(2)])).rejects.toThrow();
    expect(await auditTriggerStates(pool)).toEqual(ENABLED);
    await expect(pool.query(`DELETE FROM audit_events WHERE id = $1`, [c.id(2)])).rejects.toThrow(/append-only/);
  });
});

describe("verifyAuditChains: tampering", () => {
  it("finds an edited `after` and names exactly that event", async () => {
    const c = await chainOf(5);
    expect(await tamperWithAudit(pool, `UPDATE audit_events SET after = '{"i": 999}'::jsonb WHERE id = $1`, [c.id(3)])).toBe(1);
    const result = await verifyAuditChains(pool, { chain: c.chain });
    expect(result.ok).toBe(false);
    expect(result.events).toBe(5);
    expect(result.breaks).toEqual([{ chain: c.chain, eventId: c.id(3), seq: 3, reason: expect.stringContaining("was edited") }]);
  });

  it("finds an edited action", async () => {
    const c = await chainOf(4);
    await tamperWithAudit(pool, `UPDATE audit_events SET action = 'spec.viewed' WHERE id = $1`, [c.id(2)]);
    const result = await verifyAuditChains(pool, { chain: c.chain });
    expect(result.breaks).toEqual([{ chain: c.chain, eventId: c.id(2), seq: 2, reason: expect.stringContaining("edited") }]);
  });

  it("finds an edit to the first event", async () => {
    const c = await chainOf(3);
    await tamperWithAudit(pool, `UPDATE audit_events SET actor_label = 'someone else' WHERE id = $1`, [c.id(1)]);
    const { breaks } = await verifyAuditChains(pool, { chain: c.chain });
    expect(breaks).toEqual([{ chain: c.chain, eventId: c.id(1), seq: 1, reason: expect.stringContaining("edited") }]);
  });

  it("catches an edit whose hash was recomputed at the next event's link", async () => {
    const c = await chainOf(4);
    // a forger who rewrites event #2 and gives it a hash consistent with the new content
    const forged = { ...c.events[1], after: { i: 12345 } };
    const forgedHash = expectedHash(forged);
    await tamperWithAudit(pool, `UPDATE audit_events SET after = $2::jsonb, hash = $3 WHERE id = $1`, [c.id(2), JSON.stringify(forged.after), forgedHash]);
    const { breaks } = await verifyAuditChains(pool, { chain: c.chain });
    // #2 now checks out on its own; #3 still points at the original #2
    expect(breaks).toEqual([{ chain: c.chain, eventId: c.id(3), seq: 3, reason: expect.stringContaining("link to the previous event does not match") }]);
  });

  it("finds a deleted middle event and names the event after the gap", async () => {
    const c = await chainOf(5);
    expect(await tamperWithAudit(pool, `DELETE FROM audit_events WHERE id = $1`, [c.id(3)])).toBe(1);
    const result = await verifyAuditChains(pool, { chain: c.chain });
    expect(result).toMatchObject({ ok: false, chains: 1, events: 4 });
    expect(result.breaks).toEqual([{ chain: c.chain, eventId: c.id(4), seq: 4, reason: expect.stringMatching(/expected event #3.*found #4.*missing/) }]);
  });

  it("finds a deleted first event", async () => {
    const c = await chainOf(3);
    await tamperWithAudit(pool, `DELETE FROM audit_events WHERE id = $1`, [c.id(1)]);
    const { breaks } = await verifyAuditChains(pool, { chain: c.chain });
    expect(breaks).toEqual([{ chain: c.chain, eventId: c.id(2), seq: 2, reason: expect.stringContaining("missing") }]);
  });

  it("finds a removed last event through the chain head", async () => {
    const c = await chainOf(5);
    await tamperWithAudit(pool, `DELETE FROM audit_events WHERE id = $1`, [c.id(5)]);
    const result = await verifyAuditChains(pool, { chain: c.chain });
    expect(result).toMatchObject({ ok: false, events: 4 });
    // the head says 5 events; the last one left is #4
    expect(result.breaks).toEqual([
      { chain: c.chain, eventId: c.id(4), seq: 5, reason: "the chain should end at event #5, but its last event is #4 (events were removed)" },
    ]);
  });

  it("finds a chain whose every event was removed through its head", async () => {
    const c = await chainOf(2);
    await tamperWithAudit(pool, `DELETE FROM audit_events WHERE chain = $1`, [c.chain]);
    const result = await verifyAuditChains(pool, { chain: c.chain });
    expect(result).toMatchObject({ ok: false, chains: 0, events: 0 });
    expect(result.breaks).toEqual([{ chain: c.chain, eventId: "", seq: 2, reason: expect.stringContaining("last event is #0") }]);
  });

  it("reports only the first break of a chain, and one per broken chain when verifying them all", async () => {
    const bad = await chainOf(5);
    const good = await chainOf(3);
    await tamperWithAudit(pool, `UPDATE audit_events SET after = '{}'::jsonb WHERE id IN ($1, $2)`, [bad.id(2), bad.id(4)]);
    const one = await verifyAuditChains(pool, { chain: bad.chain });
    expect(one.breaks.map((b) => b.seq)).toEqual([2]);
    // without a chain filter every chain is checked: the tampered one is named, the intact one is not
    const all = await verifyAuditChains(pool);
    expect(all.ok).toBe(false);
    expect(all.breaks.filter((b) => b.chain === bad.chain)).toEqual([{ chain: bad.chain, eventId: bad.id(2), seq: 2, reason: expect.stringContaining("edited") }]);
    expect(all.breaks.some((b) => b.chain === good.chain)).toBe(false);
    expect(all.chains).toBeGreaterThanOrEqual(2);
  });
});

describe("events hashed by an earlier version (1: the studio's canonical JSON)", () => {
  it("verify alongside current ones in the same chain, and an edit to one is still found", async () => {
    const { ws } = await makeWorkspace();
    // a chain of its own whose first 6 events were written the old way, then continued by the current writer
    const chain = `legacy-${ws.id}`;
    const builder = new ChainBuilder(chain, 1);
    const r = rng(5);
    const rows = Array.from({ length: 6 }, (_, i) => builder.next(makeEventFields(r, { chain, workspaceId: chain, occurredAt: new Date(Date.UTC(2025, 5, 1, 0, 0, i)) })));
    await insertMany(pool, rows);
    await writeChainHeads(pool, [builder]);
    for (let i = 0; i < 3; i++) await recordAudit(db, { actor: SYSTEM_ACTOR, action: "spec.updated", resourceType: "spec", workspaceId: chain, after: { i } });
    const stored = await db.auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });
    expect(stored.map((e) => e.hashVersion)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2]);
    for (const batchSize of [2, 50]) expect(await verifyAuditChains(pool, { chain, batchSize })).toEqual({ ok: true, chains: 1, events: 9, breaks: [] });

    await tamperWithAudit(pool, `UPDATE audit_events SET actor_label = 'someone else' WHERE id = $1`, [stored[3].id.toString()]);
    expect((await verifyAuditChains(pool, { chain })).breaks).toEqual([{ chain, eventId: stored[3].id.toString(), seq: 4, reason: expect.stringContaining("edited") }]);
  });

  it("an event claiming an unknown hash version is named", async () => {
    const c = await chainOf(3);
    await tamperWithAudit(pool, `UPDATE audit_events SET hash_version = 9 WHERE id = $1`, [c.id(2)]);
    expect((await verifyAuditChains(pool, { chain: c.chain })).breaks).toEqual([{ chain: c.chain, eventId: c.id(2), seq: 2, reason: expect.stringContaining("hash version 9 is unknown") }]);
  });
});

import { describe, expect, it } from "vitest";
import { INSTANCE_CHAIN, recordAudit } from "@/lib/audit/record";
import { SYSTEM_ACTOR, type AuditActor } from "@/lib/audit/actor";
import { verifyAuditChains } from "@/lib/audit/verify";
import type { AuditEvent } from "@/lib/generated/prisma/client";
import { makeUser, makeWorkspace, testDb, testPool, uniq } from "@/tests/helpers/db";
import { expectedHash, withAuditInsertFailure } from "@/tests/helpers/audit";

const db = testDb();
const pool = testPool();

const actor: AuditActor = { type: "user", id: "u_test", label: "tester@example.test", ip: "203.0.113.7", userAgent: "vitest" };

const chainRows = (chain: string) => db.auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });

/** Recompute an event's hash from its stored fields, independently of verify.ts. */
const rehash = (e: AuditEvent) => expectedHash(e);

function expectLinked(rows: AuditEvent[], firstSeq = 1) {
  rows.forEach((e, i) => {
    expect(e.seq).toBe(firstSeq + i);
    if (i > 0) expect(e.prevHash).toBe(rows[i - 1].hash);
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.hash).toBe(rehash(e));
  });
}

describe("recordAudit: chains", () => {
  it("numbers a workspace's events 1..n, links each to the previous one and hashes it as chainHash does", async () => {
    const { ws } = await makeWorkspace(); // createWorkspace records workspace.created as event #1
    const returned = [];
    for (let i = 0; i < 4; i++) {
      returned.push(
        await recordAudit(db, { actor, action: "spec.updated", resourceType: "spec", resourceId: `s${i}`, workspaceId: ws.id, after: { i } }),
      );
    }
    const rows = await chainRows(ws.id);
    expect(rows.map((r) => [r.seq, r.action])).toEqual([
      [1, "workspace.created"],
      [2, "spec.updated"],
      [3, "spec.updated"],
      [4, "spec.updated"],
      [5, "spec.updated"],
    ]);
    expect(rows[0].prevHash).toBe("");
    expectLinked(rows);
    // what recordAudit returns is what it stored
    expect(returned.map((r) => ({ id: r.id, seq: r.seq, hash: r.hash }))).toEqual(rows.slice(1).map((r) => ({ id: r.id, seq: r.seq, hash: r.hash })));
    // every stored field is what was passed in
    expect(rows[2]).toMatchObject({
      chain: ws.id,
      workspaceId: ws.id,
      actorType: "user",
      actorId: "u_test",
      actorLabel: "tester@example.test",
      ip: "203.0.113.7",
      userAgent: "vitest",
      resourceType: "spec",
      resourceId: "s1",
      before: null,
      after: { i: 1 },
      metadata: null,
    });
    // the chain head records the last event
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { chain: ws.id } });
    expect(head).toEqual({ chain: ws.id, seq: 5, hash: rows[4].hash, prevHash: rows[3].hash });
  });

  it("keeps each workspace's chain independent when events interleave", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    for (let i = 0; i < 3; i++) {
      await recordAudit(db, { actor, action: "a.event", resourceType: "x", workspaceId: a.ws.id, metadata: { i } });
      await recordAudit(db, { actor, action: "b.event", resourceType: "x", workspaceId: b.ws.id, metadata: { i } });
    }
    const ra = await chainRows(a.ws.id);
    const rb = await chainRows(b.ws.id);
    expect(ra.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rb.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(ra.slice(1).every((r) => r.action === "a.event")).toBe(true);
    expect(rb.slice(1).every((r) => r.action === "b.event")).toBe(true);
    expectLinked(ra);
    expectLinked(rb);
  });

  it("puts events without a workspace on the instance chain, next to each other", async () => {
    const e1 = await recordAudit(db, { actor: SYSTEM_ACTOR, action: "test.instance_one", resourceType: "test" });
    const e2 = await recordAudit(db, { actor: SYSTEM_ACTOR, action: "test.instance_two", resourceType: "test", workspaceId: null });
    expect(e2.seq).toBe(e1.seq + 1);
    const rows = await db.auditEvent.findMany({ where: { id: { in: [e1.id, e2.id] } }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.chain, r.workspaceId])).toEqual([
      [INSTANCE_CHAIN, null],
      [INSTANCE_CHAIN, null],
    ]);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(rows[1].hash).toBe(rehash(rows[1]));
    expect((await verifyAuditChains(pool, { chain: INSTANCE_CHAIN })).breaks).toEqual([]);
  });

  it("gives 50 concurrent writers on one chain a gapless, verifiable chain", async () => {
    const { ws } = await makeWorkspace();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.$transaction(
          (tx) => recordAudit(tx, { actor, action: "spec.updated", resourceType: "spec", resourceId: `c${i}`, workspaceId: ws.id, metadata: { i } }),
          // 50 transactions queue for a pool of 4 (PGlite) or 10: wait for a connection as long as it takes
          { maxWait: 60_000, timeout: 60_000 },
        ),
      ),
    );
    // every writer got its own position: 2..51 (#1 is workspace.created)
    expect(results.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    const rows = await chainRows(ws.id);
    expect(rows).toHaveLength(51);
    expectLinked(rows);
    expect(new Set(rows.slice(1).map((r) => (r.metadata as { i: number }).i)).size).toBe(50);
    expect(await verifyAuditChains(pool, { chain: ws.id })).toEqual({ ok: true, chains: 1, events: 51, breaks: [] });
    expect(await db.auditChainHead.findUnique({ where: { chain: ws.id } })).toEqual({ chain: ws.id, seq: 51, hash: rows[50].hash, prevHash: rows[49].hash });
  });

  it("starts a brand-new chain correctly when its first writers race", async () => {
    const chain = `ws_${uniq("race")}`; // a workspace id that has no events yet
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.$transaction((tx) => recordAudit(tx, { actor, action: "race.event", resourceType: "x", workspaceId: chain, metadata: { i } }), {
          maxWait: 60_000,
          timeout: 60_000,
        }),
      ),
    );
    const rows = await chainRows(chain);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows[0].prevHash).toBe("");
    expectLinked(rows);
    expect((await verifyAuditChains(pool, { chain })).ok).toBe(true);
  });
});

describe("recordAudit: transactions", () => {
  it("rolls the event back with the change when the transaction throws after recording", async () => {
    const { ws } = await makeWorkspace();
    const before = await chainRows(ws.id);
    const email = `${uniq("rollback")}@example.test`;
    await expect(
      db.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email, name: "Rolled Back" } });
        await recordAudit(tx, { actor, action: "user.created", resourceType: "user", resourceId: user.id, workspaceId: ws.id, after: { email } });
        throw new Error("boom after the audit");
      }),
    ).rejects.toThrow("boom after the audit");
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect(await chainRows(ws.id)).toEqual(before);
    expect(await db.auditChainHead.findUnique({ where: { chain: ws.id } })).toEqual({ chain: ws.id, seq: 1, hash: before[0].hash, prevHash: "" });
    // the rolled-back position is reused: no gap
    const next = await recordAudit(db, { actor, action: "after.rollback", resourceType: "x", workspaceId: ws.id });
    expect(next.seq).toBe(2);
    expect(await verifyAuditChains(pool, { chain: ws.id })).toMatchObject({ ok: true, events: 2 });
  });

  it("rolls the change back when the audit write itself fails", async () => {
    const { ws } = await makeWorkspace();
    const marker = uniq("FAILMARK");
    const email = `${uniq("nolog")}@example.test`;
    await withAuditInsertFailure(pool, marker, async () => {
      await expect(
        db.$transaction(async (tx) => {
          const user = await tx.user.create({ data: { email, name: "No Log" } });
          await recordAudit(tx, { actor, action: "user.created", resourceType: "user", resourceId: user.id, workspaceId: ws.id, metadata: { marker } });
        }),
      ).rejects.toThrow(/injected audit failure/);
    });
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect((await chainRows(ws.id)).map((r) => r.seq)).toEqual([1]);
  });

  it("commits the change and its event together", async () => {
    const { ws } = await makeWorkspace();
    const email = `${uniq("commit")}@example.test`;
    const { user, ev } = await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name: "Committed" } });
      const ev = await recordAudit(tx, { actor, action: "user.created", resourceType: "user", resourceId: user.id, workspaceId: ws.id });
      return { user, ev };
    });
    expect(await db.user.findUnique({ where: { email } })).toMatchObject({ id: user.id });
    expect(await db.auditEvent.findUnique({ where: { id: ev.id } })).toMatchObject({ resourceId: user.id, seq: 2 });
  });
});

describe("recordAudit: stored values", () => {
  it("redacts secrets in before, after and metadata, at any depth", async () => {
    const { ws } = await makeWorkspace();
    const secrets = ["hunter2-secret-pw", "sst_plaintext_token_value", "sk-live-apikey-1", "sk-live-apikey-2", "Bearer abc.def", "sid=cookie-val", "-----BEGIN KEY-----", "old-pw-xyz", "client-secret-9"];
    const ev = await recordAudit(db, {
      actor,
      action: "secrets.changed",
      resourceType: "provider",
      workspaceId: ws.id,
      before: { password: "old-pw-xyz", name: "before-name" },
      after: {
        name: "after-name",
        token: "sst_plaintext_token_value",
        provider: { apiKey: "sk-live-apikey-1", api_key: "sk-live-apikey-2", model: "gpt" },
        list: [{ clientSecret: "client-secret-9", keep: 1 }],
        Password: "hunter2-secret-pw",
      },
      metadata: { authorization: "Bearer abc.def", cookie: "sid=cookie-val", privateKey: "-----BEGIN KEY-----", tokenCount: 3, emptyToken: "", nullPassword: null },
    });
    const row = await db.auditEvent.findUniqueOrThrow({ where: { id: ev.id } });
    expect(row.before).toEqual({ password: "[redacted]", name: "before-name" });
    expect(row.after).toEqual({
      name: "after-name",
      token: "[redacted]",
      provider: { apiKey: "[redacted]", api_key: "[redacted]", model: "gpt" },
      list: [{ clientSecret: "[redacted]", keep: 1 }],
      Password: "[redacted]",
    });
    // a key that merely looks secret is redacted even when its value is not (tokenCount); nothing to hide in "" or null
    expect(row.metadata).toEqual({
      authorization: "[redacted]",
      cookie: "[redacted]",
      privateKey: "[redacted]",
      tokenCount: "[redacted]",
      emptyToken: "",
      nullPassword: null,
    });
    const stored = JSON.stringify([row.before, row.after, row.metadata]);
    for (const s of secrets) expect(stored).not.toContain(s);
    // the hash covers the redacted values, so the chain still verifies
    expect(await verifyAuditChains(pool, { chain: ws.id })).toMatchObject({ ok: true, events: 2 });
  });

  it("stores values exactly as hashed, so jsonb's normalisation never breaks verification", async () => {
    const { ws } = await makeWorkspace();
    const when = new Date("2024-02-29T12:34:56.789Z");
    const ev = await recordAudit(db, {
      actor: { ...actor, userAgent: "ua-" + "x".repeat(600) },
      action: "edge.values",
      resourceType: "x",
      workspaceId: ws.id,
      before: { z: 1, a: 2, "é": "ünïcødé ✓ 😀", "10": "ten", "2": "two", B: [3, 2, 1] },
      after: { nul: "a\u0000b", when, big: 12345678901234567890n, float: 0.1 + 0.2, neg: -0, inf: Infinity, undef: undefined, nested: { deep: [null, true, "s"] } },
      metadata: "a plain string",
    });
    const row = await db.auditEvent.findUniqueOrThrow({ where: { id: ev.id } });
    expect(row.userAgent).toHaveLength(500);
    expect(row.after).toEqual({ nul: "ab", when: "2024-02-29T12:34:56.789Z", big: "12345678901234567890", float: 0.30000000000000004, neg: 0, inf: null, nested: { deep: [null, true, "s"] } });
    expect(row.before).toEqual({ z: 1, a: 2, "é": "ünïcødé ✓ 😀", "10": "ten", "2": "two", B: [3, 2, 1] });
    expect(row.metadata).toBe("a plain string");
    expect(row.hash).toBe(rehash(row));
    expect(await verifyAuditChains(pool, { chain: ws.id })).toMatchObject({ ok: true, events: 2 });
  });

  it("stores text jsonb and text columns cannot hold (lone surrogates, NUL) so the event records and verifies", async () => {
    const { ws } = await makeWorkspace();
    // a user agent cut at 500 characters in the middle of an emoji, and strings from a JSON body ("\ud800" is valid JSON)
    const userAgent = "u".repeat(499) + "😀";
    const ev = await recordAudit(db, {
      actor: { ...actor, label: "odd\ud800label\u0000", userAgent },
      action: "edge.strings",
      resourceType: "spec",
      resourceId: "id-\udc00",
      workspaceId: ws.id,
      after: { name: "x\ud800y", ["k\udfff"]: "\u0000v" },
    });
    const row = await db.auditEvent.findUniqueOrThrow({ where: { id: ev.id } });
    expect(row.after).toEqual({ name: "x\ufffdy", ["k\ufffd"]: "v" });
    expect(row.resourceId).toBe("id-\ufffd");
    expect(row.actorLabel).toBe("odd\ufffdlabel");
    expect(row.userAgent).toBe("u".repeat(499) + "\ufffd");
    expect(row.hash).toBe(rehash(row));
    expect(await verifyAuditChains(pool, { chain: ws.id })).toMatchObject({ ok: true, events: 2 });
  });

  it("redacts secrets however deep they are nested, and survives cyclic input", async () => {
    const { ws } = await makeWorkspace();
    let deep: Record<string, unknown> = { password: "deep-secret-value", note: "a\u0000b" };
    for (let i = 0; i < 20; i++) deep = { level: deep };
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const ev = await recordAudit(db, { actor, action: "edge.deep", resourceType: "x", workspaceId: ws.id, after: deep, metadata: cyclic });
    const row = await db.auditEvent.findUniqueOrThrow({ where: { id: ev.id } });
    expect(JSON.stringify(row.after)).not.toContain("deep-secret-value");
    expect((row.metadata as { a: number }).a).toBe(1);
    expect(await verifyAuditChains(pool, { chain: ws.id })).toMatchObject({ ok: true, events: 2 });
  });

  it("records the occurrence time to the millisecond, as the verifier rebuilds it", async () => {
    const u = await makeUser();
    const t0 = Date.now();
    const ev = await recordAudit(db, { actor, action: "time.check", resourceType: "user", resourceId: u.id });
    const t1 = Date.now();
    const row = await db.auditEvent.findUniqueOrThrow({ where: { id: ev.id } });
    expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(t0);
    expect(row.occurredAt.getTime()).toBeLessThanOrEqual(t1);
    expect(row.hash).toBe(rehash(row));
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { auditListQuerySchema, listAuditEvents, type AuditEventView } from "@/lib/audit/queries";
import { recordAudit } from "@/lib/audit/record";
import type { AuditActor } from "@/lib/audit/actor";
import { makeUser, makeWorkspace, testDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";

const db = testDb();
const ACTIONS = ["x.one", "x.two", "xy.three", "spec.created"] as const;
const PHASES = [40, 40, 39]; // + workspace.created = 120 events

let wsId: string;
let actors: AuditActor[];
/** ISO times of each phase's first and last event */
let phaseTimes: { first: string; last: string; count: number }[];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const list = (q: Record<string, unknown>, ws = wsId) => listAuditEvents(db, ws, auditListQuerySchema.parse(q));

/** Every page of a query, following nextCursor. */
async function allPages(q: Record<string, unknown>) {
  const pages: AuditEventView[][] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await list({ ...q, ...(cursor ? { cursor } : {}) });
    pages.push(page.events);
    if (!page.nextCursor) return pages;
    expect(page.nextCursor).toBe(page.events[page.events.length - 1].id);
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

beforeAll(async () => {
  const { ws } = await makeWorkspace();
  wsId = ws.id;
  const [a, b] = [await makeUser("alice"), await makeUser("bob")];
  actors = [a, b].map((u) => ({ type: "user", id: u.id, label: u.email, ip: "203.0.113.9", userAgent: "vitest" }));
  phaseTimes = [];
  let n = 0;
  for (const count of PHASES) {
    await sleep(25); // phases never share a millisecond
    const ids: bigint[] = [];
    for (let i = 0; i < count; i++, n++) {
      const ev = await recordAudit(db, { actor: actors[n % 2], action: ACTIONS[n % 4], resourceType: "spec", resourceId: `spec-${n}`, workspaceId: ws.id, metadata: { n } });
      ids.push(ev.id);
    }
    const rows = await db.auditEvent.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    phaseTimes.push({ first: rows[0].occurredAt.toISOString(), last: rows[rows.length - 1].occurredAt.toISOString(), count });
  }
  // noise in another workspace that must never show up
  const other = await makeWorkspace();
  for (let i = 0; i < 5; i++) await recordAudit(db, { actor: actors[0], action: "x.one", resourceType: "spec", workspaceId: other.ws.id });
});

describe("listAuditEvents: keyset pagination", () => {
  it("pages 120 events newest first, 50 at a time, in 3 pages with no duplicates and no gaps", async () => {
    const pages = await allPages({ limit: 50 });
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    const events = pages.flat();
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 120 }, (_, i) => 120 - i));
    const ids = events.map((e) => BigInt(e.id));
    expect(new Set(ids).size).toBe(120);
    for (let i = 1; i < ids.length; i++) expect(ids[i] < ids[i - 1]).toBe(true);
    const stored = await db.auditEvent.findMany({ where: { workspaceId: wsId }, orderBy: { id: "desc" }, select: { id: true } });
    expect(ids).toEqual(stored.map((s) => s.id));
    expect(events.at(-1)!.action).toBe("workspace.created");
  });

  it("ends with nextCursor null when the last page is exactly full", async () => {
    const pages = await allPages({ limit: 40 });
    expect(pages.map((p) => p.length)).toEqual([40, 40, 40]);
  });

  it("uses 50 as the default page size", async () => {
    const page = await list({});
    expect(page.events).toHaveLength(50);
    expect(page.nextCursor).toBe(page.events[49].id);
  });

  it("is not disturbed by events recorded between two pages", async () => {
    const { ws } = await makeWorkspace();
    for (let i = 0; i < 11; i++) await recordAudit(db, { actor: actors[0], action: "a.b", resourceType: "r", workspaceId: ws.id });
    const first = await list({ limit: 5 }, ws.id);
    await recordAudit(db, { actor: actors[0], action: "a.late", resourceType: "r", workspaceId: ws.id });
    const second = await list({ limit: 5, cursor: first.nextCursor }, ws.id);
    const third = await list({ limit: 5, cursor: second.nextCursor }, ws.id);
    expect([...first.events, ...second.events, ...third.events].map((e) => e.seq)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(third.nextCursor).toBeNull();
    expect((await list({ limit: 1 }, ws.id)).events[0]).toMatchObject({ seq: 13, action: "a.late" });
  });

  it("returns events in their API shape", async () => {
    const [e] = (await list({ limit: 1 })).events;
    expect(e).toEqual({
      id: expect.stringMatching(/^\d+$/),
      seq: 120,
      occurredAt: phaseTimes[2].last,
      actor: { type: "user", id: actors[0].id, label: actors[0].label },
      action: "xy.three",
      resource: { type: "spec", id: "spec-118" },
      ip: "203.0.113.9",
      userAgent: "vitest",
      before: null,
      after: null,
      metadata: { n: 118 },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});

describe("listAuditEvents: filters", () => {
  const all = async (q: Record<string, unknown>) => (await allPages({ limit: 200, ...q })).flat();

  it("filters by exact action", async () => {
    const events = await all({ action: "x.one" });
    expect(events).toHaveLength(30); // n % 4 === 0 for n in 0..118
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(["x.one"]));
  });

  it("filters by action prefix ending in '.', without matching a longer prefix", async () => {
    const events = await all({ action: "x." });
    expect(events).toHaveLength(60);
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(["x.one", "x.two"]));
    // no dot: exact match only
    expect(await all({ action: "x" })).toEqual([]);
    expect(await all({ action: "xy." })).toHaveLength(30);
  });

  it("filters by actor id", async () => {
    const events = await all({ actor: actors[1].id });
    expect(events).toHaveLength(59); // odd n in 0..118
    expect(events.every((e) => e.actor.id === actors[1].id)).toBe(true);
  });

  it("filters by time, both ends inclusive", async () => {
    const [, mid, last] = phaseTimes;
    const between = await all({ from: mid.first, to: mid.last });
    expect(between).toHaveLength(40);
    expect(between.map((e) => (e.metadata as { n: number }).n)).toEqual(Array.from({ length: 40 }, (_, i) => 79 - i));
    expect(await all({ from: last.first })).toHaveLength(39);
    expect(await all({ to: phaseTimes[0].last })).toHaveLength(41); // phase 1 + workspace.created
    // an offset other than Z means the same instant
    const shifted = new Date(mid.first).getTime() + 2 * 3600_000;
    const withOffset = new Date(shifted).toISOString().replace("Z", "+02:00");
    expect(await all({ from: withOffset, to: mid.last })).toHaveLength(40);
  });

  it("combines filters, and paginates within them", async () => {
    const pages = await allPages({ action: "x.", actor: actors[0].id, from: phaseTimes[1].first, limit: 7 });
    const events = pages.flat();
    const expected = Array.from({ length: 79 }, (_, i) => i + 40).filter((n) => n % 2 === 0 && (n % 4 === 0 || n % 4 === 1)).reverse();
    expect(events.map((e) => (e.metadata as { n: number }).n)).toEqual(expected);
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
  });

  it("rejects `from` after `to` as validation_failed", async () => {
    const err = await expectAppError(list({ from: phaseTimes[2].first, to: phaseTimes[0].first }), "validation_failed");
    expect(err.message).toBe("`from` is after `to`: swap them.");
    expect(err.status).toBe(422);
  });

  it("rejects malformed query values", () => {
    expect(auditListQuerySchema.safeParse({ cursor: "abc" }).success).toBe(false);
    expect(auditListQuerySchema.safeParse({ limit: "201" }).success).toBe(false);
    expect(auditListQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(auditListQuerySchema.safeParse({ from: "yesterday" }).success).toBe(false);
    expect(auditListQuerySchema.parse({ limit: "20" }).limit).toBe(20);
  });
});

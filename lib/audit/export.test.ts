import { beforeAll, describe, expect, it } from "vitest";
import {
  auditExportQuerySchema,
  csvField,
  CSV_COLUMNS,
  exportAuditLines,
  exportFileName,
  linesToStream,
  type AuditExportQuery,
} from "@/lib/audit/export";
import { auditListQuerySchema, listAuditEvents, toAuditView } from "@/lib/audit/queries";
import { recordAudit } from "@/lib/audit/record";
import type { AuditActor } from "@/lib/audit/actor";
import { verifyAuditChains } from "@/lib/audit/verify";
import { ChainBuilder, insertMany, makeEventFields, writeChainHeads } from "@/bench/lib/audit-data";
import { rng } from "@/bench/lib/stats";
import { makeUser, makeWorkspace, testDb, testPool, uniq } from "@/tests/helpers/db";

const db = testDb();
const pool = testPool();

/** A strict RFC 4180 parser (CRLF records, quoted fields with doubled quotes), to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      if (field !== "") throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (c === "\n" || c === "\r") {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || record.length) throw new Error("last record not CRLF-terminated");
  return records;
}

async function collect(gen: AsyncGenerator<string>): Promise<string> {
  let s = "";
  for await (const line of gen) s += line;
  return s;
}

const exportText = (workspaceId: string, q: Partial<AuditExportQuery>, opts = {}) =>
  collect(exportAuditLines(pool, workspaceId, auditExportQuerySchema.parse(q), opts));

describe("csvField (RFC 4180)", () => {
  it("quotes fields with commas, quotes, CR or LF and doubles the quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line1\nline2")).toBe('"line1\nline2"');
    expect(csvField("cr\rlf")).toBe('"cr\rlf"');
    expect(csvField("")).toBe("");
    expect(csvField(null)).toBe("");
    expect(csvField(42)).toBe("42");
  });

  it("guards free-text cells that a spreadsheet would run as a formula, but not raw ones", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@sum")).toBe("'@sum");
    expect(csvField("-2", "raw")).toBe("-2");
  });

  it("names the file after the workspace, the time and the format", () => {
    expect(exportFileName("acme", "csv", new Date("2025-03-04T05:06:07.890Z"))).toBe("audit-acme-20250304T050607Z.csv");
  });
});

describe("exportAuditLines", () => {
  let wsId: string;
  let alice: AuditActor;
  let bob: AuditActor;
  const nasty = 'Doe, "Jane"\nsecond line\r\nthird, with "quotes"';

  beforeAll(async () => {
    const { ws } = await makeWorkspace();
    wsId = ws.id;
    const [a, b] = [await makeUser("alice"), await makeUser("bob")];
    alice = { type: "user", id: a.id, label: nasty, ip: "203.0.113.1", userAgent: "=cmd|' /C calc'!A0" };
    bob = { type: "user", id: b.id, label: b.email, ip: null, userAgent: null };
    await recordAudit(db, { actor: alice, action: "spec.updated", resourceType: "spec", resourceId: "s,1", workspaceId: wsId, before: { title: "a" }, after: { title: 'b "quoted", comma\nnewline' } });
    await recordAudit(db, { actor: bob, action: "spec.created", resourceType: "spec", resourceId: "s2", workspaceId: wsId, after: { title: "new" } });
    await recordAudit(db, { actor: bob, action: "member.invited", resourceType: "invitation", resourceId: "inv1", workspaceId: wsId, metadata: { note: "x,y" } });
    await recordAudit(db, { actor: alice, action: "run.triggered", resourceType: "run", resourceId: "r1", workspaceId: wsId });
    await recordAudit(db, { actor: bob, action: "spec.renamed", resourceType: "spec", resourceId: "100%_done", workspaceId: wsId });
    // another workspace's events never leak into this export
    const other = await makeWorkspace();
    await recordAudit(db, { actor: alice, action: "spec.updated", resourceType: "spec", workspaceId: other.ws.id });
  });

  it("writes a CSV that an RFC 4180 parser reads back cell for cell", async () => {
    const text = await exportText(wsId, { format: "csv" });
    const records = parseCsv(text);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    const rows = await db.auditEvent.findMany({ where: { workspaceId: wsId }, orderBy: { id: "asc" } });
    expect(records).toHaveLength(rows.length + 1);
    for (const [i, r] of rows.entries()) {
      const rec = Object.fromEntries(CSV_COLUMNS.map((c, k) => [c, records[i + 1][k]]));
      expect(rec.id).toBe(r.id.toString());
      expect(rec.seq).toBe(String(r.seq));
      expect(rec.occurred_at).toBe(r.occurredAt.toISOString());
      expect(rec.action).toBe(r.action);
      expect(rec.actor_label).toBe(r.actorLabel ?? "");
      expect(rec.resource_id).toBe(r.resourceId ?? "");
      expect(rec.after === "" ? null : JSON.parse(rec.after)).toEqual(r.after);
      expect(rec.before === "" ? null : JSON.parse(rec.before)).toEqual(r.before);
      expect(rec.metadata === "" ? null : JSON.parse(rec.metadata)).toEqual(r.metadata);
      expect(rec.hash).toBe(r.hash);
      expect(rec.prev_hash).toBe(r.prevHash);
    }
    const first = Object.fromEntries(CSV_COLUMNS.map((c, k) => [c, records[2][k]]));
    expect(first.actor_label).toBe(nasty); // commas, quotes, CRLF and LF survive
    expect(first.user_agent).toBe("'=cmd|' /C calc'!A0"); // formula guarded
    expect(JSON.parse(first.after)).toEqual({ title: 'b "quoted", comma\nnewline' });
  });

  it("writes JSON Lines: one parseable event per line, oldest first, with prevHash and the hash version", async () => {
    const text = await exportText(wsId, { format: "jsonl" });
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    const rows = await db.auditEvent.findMany({ where: { workspaceId: wsId }, orderBy: { id: "asc" } });
    expect(lines).toHaveLength(rows.length);
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed).toEqual(rows.map((r) => JSON.parse(JSON.stringify({ ...toAuditView(r), prevHash: r.prevHash, hashVersion: r.hashVersion }))));
    expect(parsed[1].actor.label).toBe(nasty);
  });

  it("applies the list filters exactly as the list API does", async () => {
    const cases: Record<string, unknown>[] = [
      { action: "spec." },
      { action: "spec.created" },
      { actor: alice.id! },
      { resourceType: "invitation" },
      { resourceId: "r1" },
      { q: "jane" },
      { q: "RUN.TRIG" },
      { q: "%_" }, // LIKE wildcards match literally
      { q: "0%" },
    ];
    const all = await db.auditEvent.findMany({ where: { workspaceId: wsId }, orderBy: { id: "asc" } });
    cases.push({ from: all[2].occurredAt.toISOString() }, { to: all[1].occurredAt.toISOString() });
    for (const filters of cases) {
      const listed = (await listAuditEvents(db, wsId, auditListQuerySchema.parse({ ...filters, limit: 200 }))).events.map((e) => e.id).reverse();
      const text = await exportText(wsId, { ...filters, format: "jsonl" });
      const exported = text ? text.trim().split("\n").map((l) => JSON.parse(l).id) : [];
      expect(exported, JSON.stringify(filters)).toEqual(listed);
      expect(exported.length, JSON.stringify(filters)).toBeLessThan(all.length);
    }
    expect(() => auditExportQuerySchema.parse({ format: "xml" })).toThrow();
  });
});

describe("a large range is streamed in keyset batches", () => {
  const N = 5_000;
  let wsId: string;

  beforeAll(async () => {
    // A workspace whose chain is built in bulk (valid hashes and head, as the benchmarks build theirs).
    const slug = uniq("bulk");
    const ws = await db.workspace.create({ data: { slug, name: slug } });
    wsId = ws.id;
    const chain = new ChainBuilder(ws.id);
    const r = rng(7);
    let t = Date.UTC(2025, 0, 1);
    const rows = Array.from({ length: N }, () => chain.next(makeEventFields(r, { chain: ws.id, workspaceId: ws.id, occurredAt: new Date((t += 1000)) })));
    await insertMany(pool, rows);
    await writeChainHeads(pool, [chain]);
  });

  it("reads every row once, in batches of the given size, and the chain still verifies", async () => {
    const batches: number[] = [];
    let lines = 0;
    let header = "";
    let lastId = 0n;
    for await (const line of exportAuditLines(pool, wsId, auditExportQuerySchema.parse({ format: "csv" }), { batchSize: 700, onBatch: (n) => batches.push(n) })) {
      if (!header) {
        header = line;
        continue;
      }
      lines++;
      const id = BigInt(line.slice(0, line.indexOf(",")));
      expect(id > lastId).toBe(true);
      lastId = id;
    }
    expect(header).toBe(`${CSV_COLUMNS.join(",")}\r\n`);
    expect(lines).toBe(N);
    expect(batches).toEqual([...Array(7).fill(700), N - 7 * 700]);
    expect((await verifyAuditChains(pool, { chain: wsId })).ok).toBe(true);
  });

  it("reads the next batch only when the consumer asks for more, and stops when it goes away", async () => {
    const batches: number[] = [];
    const stream = linesToStream(exportAuditLines(pool, wsId, auditExportQuerySchema.parse({ format: "jsonl" }), { batchSize: 500, onBatch: (n) => batches.push(n) }), 16 * 1024);
    const reader = stream.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(first.value!.byteLength).toBeGreaterThanOrEqual(16 * 1024);
    await new Promise((r) => setTimeout(r, 50));
    // one 16 KiB chunk (and the one the stream buffers ahead) fit in the first 500-row batch
    expect(batches).toEqual([500]);
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toEqual([500]);
  });

  it("stops at untilId, so an export is a snapshot of the trail when it started", async () => {
    const ids = await db.auditEvent.findMany({ where: { workspaceId: wsId }, orderBy: { id: "asc" }, select: { id: true }, take: 10 });
    const text = await exportText(wsId, { format: "jsonl" }, { untilId: ids[9].id });
    expect(text.trim().split("\n").map((l) => JSON.parse(l).id)).toEqual(ids.map((i) => i.id.toString()));
  });

  it("streams the whole range through linesToStream with every byte accounted for", async () => {
    const stream = linesToStream(exportAuditLines(pool, wsId, auditExportQuerySchema.parse({ format: "jsonl" })));
    const decoder = new TextDecoder();
    let text = "";
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += decoder.decode(chunk, { stream: true });
    }
    expect(chunks).toBeGreaterThan(5);
    expect(text.trim().split("\n")).toHaveLength(N);
  });
});

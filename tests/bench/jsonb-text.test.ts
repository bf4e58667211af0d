import { describe, expect, it } from "vitest";
import { jsonbText } from "@/bench/lib/jsonb-text";
import { makeEventFields, payloadV2 } from "@/bench/lib/audit-data";
import { rng } from "@/bench/lib/stats";
import { isoTimeSql, payloadSql } from "@/lib/audit/payload";
import { testPool } from "@/tests/helpers/db";

const pool = testPool();
const printed = async (v: unknown) => (await pool.query<{ t: string }>("SELECT $1::jsonb::text AS t", [JSON.stringify(v)])).rows[0].t;

describe("jsonbText prints what PostgreSQL prints for jsonb", () => {
  it("for keys of every length and byte order, escapes, nesting and numbers", async () => {
    const values: unknown[] = [
      { b: 1, a: 2, aa: 3, Z: 4, "é": 5, "😀": 6, "": 7, ab: { y: [1, "two", null, true, false], x: {} } },
      ["quote \" backslash \\ newline \n tab \t cr \r bell \u0007 del \u007f ünïcode ✓ 😀", [], [[1]]],
      { n: [0, -1, 12345678901, 1.5, -0.25] },
      "plain",
      null,
    ];
    for (const v of values) expect(jsonbText(v)).toBe(await printed(v));
  });

  it("for the fixtures' event payloads (as the writer's json_build_array prints them)", async () => {
    const r = rng(11);
    for (let i = 0; i < 50; i++) {
      const f = makeEventFields(r, { chain: "c1", workspaceId: i % 2 ? "w1" : null, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i * 7)) });
      const sql = payloadSql({
        chain: "$1::text", workspaceId: "$2::text", occurredAt: isoTimeSql("$3::timestamptz"), actorType: "$4::text", actorId: "$5::text",
        actorLabel: "$6::text", action: "$7::text", resourceType: "$8::text", resourceId: "$9::text", ip: "$10::text", userAgent: "$11::text",
        before: "$12::jsonb", after: "$13::jsonb", metadata: "$14::jsonb",
      });
      const { rows } = await pool.query<{ t: string }>(`SELECT ${sql} AS t`, [
        f.chain, f.workspaceId, f.occurredAt.toISOString(), f.actorType, f.actorId, f.actorLabel, f.action, f.resourceType, f.resourceId, f.ip,
        f.userAgent, JSON.stringify(f.before), JSON.stringify(f.after), JSON.stringify(f.metadata),
      ]);
      expect(payloadV2(f)).toBe(rows[0].t);
    }
  });
});

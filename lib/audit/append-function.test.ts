import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditAppendMigrationSql } from "@/lib/audit/append-function";
import { testPool } from "@/tests/helpers/db";

const pool = testPool();

describe("the audit_append database function", () => {
  it("is what lib/audit/append-function.ts writes, so its payload cannot drift from the verifier's", async () => {
    const dir = fs.readdirSync(path.resolve("prisma/migrations")).find((d) => d.endsWith("_audit_append_function"));
    expect(dir).toBeDefined();
    expect(fs.readFileSync(path.resolve("prisma/migrations", dir!, "migration.sql"), "utf8")).toBe(auditAppendMigrationSql());
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'audit_append' AND prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')`);
    expect(rows[0].n).toBe(1);
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditAppendMigrationSql } from "@/lib/audit/append-function";
import { runStepFinishMigrationSql } from "@/lib/runs/step-finish-function";
import { testPool } from "@/tests/helpers/db";

const pool = testPool();

// Each function's migration is written by the TypeScript that documents it (for audit_append, the same code builds
// the hash payload the verifier checks): the two must not drift, and the function must exist in the database.
describe.each([
  { name: "audit_append", suffix: "_audit_append_function", sql: auditAppendMigrationSql },
  { name: "run_step_finish", suffix: "_run_step_finish_function", sql: runStepFinishMigrationSql },
])("the $name database function", ({ name, suffix, sql }) => {
  it("is what its generator writes, and is installed", async () => {
    const dir = fs.readdirSync(path.resolve("prisma/migrations")).find((d) => d.endsWith(suffix));
    expect(dir).toBeDefined();
    expect(fs.readFileSync(path.resolve("prisma/migrations", dir!, "migration.sql"), "utf8")).toBe(sql());
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = $1 AND prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')`, [name]);
    expect(rows[0].n).toBe(1);
  });
});

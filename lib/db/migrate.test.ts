import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { listMigrationDirs } from "@/lib/db/migration-status";
import { createFreshDatabase, dropDatabase } from "../../tests/helpers/studio-process";

/**
 * Studio processes started together (web and workers, `npm run worker` several times) all migrate at start. Three
 * real processes run `npm run db:migrate` on one fresh database at once: every one must succeed, and each migration
 * must be applied exactly once. Before the migration lock of our own, a contended lock crashed the schema engine's
 * WebAssembly bindings and took the process down. Needs a PostgreSQL server (PGlite is one process).
 */
const ROOT = path.resolve(__dirname, "../..");
const base = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const fresh = new URL(base.toString());
fresh.pathname = `/spec_studio_test_migrate_${process.pid}`;

function migrate(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/db-migrate.ts")], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: fresh.toString() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe.skipIf(process.env.TEST_DB === "pglite")("migrating from several processes at once", () => {
  afterAll(() => dropDatabase(fresh.toString()));

  it("every process succeeds and each migration is applied once", async () => {
    await createFreshDatabase(fresh.toString());
    const results = await Promise.all([migrate(), migrate(), migrate()]);
    for (const r of results) expect(r.code, r.out).toBe(0);
    // One process applied them; the others found the database up to date.
    expect(results.filter((r) => r.out.includes("Applied:"))).toHaveLength(1);
    const c = new pg.Client({ connectionString: fresh.toString() });
    await c.connect();
    try {
      const { rows } = await c.query<{ migration_name: string; n: number }>(
        `SELECT migration_name, count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
      );
      expect(rows).toEqual(listMigrationDirs().map((m) => ({ migration_name: m, n: 1 })));
    } finally {
      await c.end();
    }
  }, 120_000);
});

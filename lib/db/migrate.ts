import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { openSchemaEngine } from "@/lib/db/schema-engine";
import { listMigrationDirs, MIGRATIONS_DIR, pendingMigrations, PRISMA_DIR } from "@/lib/db/migration-status";

export { MIGRATIONS_DIR, PRISMA_DIR, SCHEMA_SNAPSHOT } from "@/lib/db/migration-status";

function migrationsList(dir: string) {
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: listMigrationDirs(dir).map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

// Any fixed bigint: the key of the lock that processes starting together take turns on before migrating.
const MIGRATION_LOCK_KEY = 7_265_100_413;

/**
 * Apply every migration not yet recorded in `_prisma_migrations`, as `prisma migrate deploy` does.
 *
 * Processes that start together (web, workers) take turns on an advisory lock of our own, and a database that is
 * already up to date is never handed to the schema engine: when the engine's own migration lock is contended, it
 * reports an error whose message its WebAssembly bindings fail to decode ("The encoded data was not valid for
 * encoding utf-8"), which takes the whole process down (seen when two workers start at once).
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  return withPgClient(databaseUrl, async (client) => {
    const pending = () => pendingMigrations((sql) => client.query<{ migration_name: string }>(sql));
    if (!(await pending()).length) return [];
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      // Another process may have applied them while this one waited.
      if (!(await pending()).length) return [];
      const schema = fs.readFileSync(path.join(PRISMA_DIR, "schema.prisma"), "utf8");
      const engine = await openSchemaEngine(databaseUrl, schema);
      try {
        const out = await engine.applyMigrations({
          migrationsList: migrationsList(MIGRATIONS_DIR),
          filters: { externalTables: [], externalEnums: [] },
        });
        return out.appliedMigrationNames;
      } finally {
        engine.free();
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  });
}

/** The SQL that takes the database from the schema of the last migration to the current schema.prisma. */
export async function diffSchema(databaseUrl: string, fromText: string | null, toText: string): Promise<string> {
  const engine = await openSchemaEngine(databaseUrl, toText);
  try {
    const out = await engine.diff({
      from: fromText === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fromText }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: toText }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return out.stdout ?? "";
  } finally {
    engine.free();
  }
}

export async function withPgClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { openSchemaEngine } from "@/lib/db/schema-engine";
import { listMigrationDirs, MIGRATIONS_DIR, PRISMA_DIR } from "@/lib/db/migration-status";

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

/** Apply every migration not yet recorded in `_prisma_migrations`, as `prisma migrate deploy` does. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
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

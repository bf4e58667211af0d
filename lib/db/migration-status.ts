import fs from "node:fs";
import path from "node:path";

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
/** The schema as of the newest migration: `db:migration` diffs the current schema against it. */
export const SCHEMA_SNAPSHOT = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");

export function listMigrationDirs(dir = MIGRATIONS_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

/** Names of migrations in the folder that the database has not finished applying. */
export async function pendingMigrations(query: (sql: string) => Promise<{ rows: { migration_name: string }[] }>) {
  let applied = new Set<string>();
  try {
    const { rows } = await query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    applied = new Set(rows.map((r) => r.migration_name));
  } catch {
    // no _prisma_migrations table yet: everything is pending
  }
  return listMigrationDirs().filter((m) => !applied.has(m));
}


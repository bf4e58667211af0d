// npm run db:migration -- <name> — write prisma/migrations/<timestamp>_<name>/migration.sql from the change between
// the schema of the last migration (schema.snapshot.prisma) and prisma/schema.prisma.
import fs from "node:fs";
import path from "node:path";
import { connectForScript } from "@/lib/db/connect-script";
import { diffSchema, MIGRATIONS_DIR, PRISMA_DIR, SCHEMA_SNAPSHOT } from "@/lib/db/migrate";

const name = (process.argv[2] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (for example: npm run db:migration -- add_specs)");
  process.exit(2);
}
const current = fs.readFileSync(path.join(PRISMA_DIR, "schema.prisma"), "utf8");
const previous = fs.existsSync(SCHEMA_SNAPSHOT) ? fs.readFileSync(SCHEMA_SNAPSHOT, "utf8") : null;
const conn = await connectForScript();
try {
  const sql = await diffSchema(conn.url, previous, current);
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log("schema.prisma has no change since the last migration; nothing written.");
  } else {
    const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    fs.writeFileSync(SCHEMA_SNAPSHOT, current);
    fs.writeFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), 'provider = "postgresql"\n');
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, then npm run db:migrate.`);
  }
} finally {
  await conn.close();
}

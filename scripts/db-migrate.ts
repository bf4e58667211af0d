// npm run db:migrate — apply pending migrations to DATABASE_URL (or the embedded database).
import { connectForScript } from "@/lib/db/connect-script";
import { applyMigrations } from "@/lib/db/migrate";

const conn = await connectForScript();
try {
  const applied = await applyMigrations(conn.url);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
} catch (err) {
  console.error("Migration failed:", err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await conn.close();
}

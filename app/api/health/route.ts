import { getPool } from "@/lib/db";
import { pendingMigrations } from "@/lib/db/migration-status";
import { publicRoute } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  const pending = await pendingMigrations((sql) => getPool().query(sql));
  return {
    status: "ok",
    database: process.env.STUDIO_EMBEDDED === "1" ? "embedded" : "postgres",
    migrations: pending.length ? "pending" : "up-to-date",
  };
});

import type pg from "pg";
import { createDb, type Db } from "@/lib/db/client";

export type { Db, DbTx } from "@/lib/db/client";

// One client per process. It lives on globalThis because Next.js bundles route code separately from the start
// script and the worker; sharing it keeps the embedded database at a handful of connections.
const g = globalThis as unknown as { __studioDb?: Db; __studioPool?: pg.Pool };

/** The process's database client. Throws when DATABASE_URL is unset (the start script sets it for PGlite). */
export function getDb(): Db {
  if (!g.__studioDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the studio with `npm start`, which provides one.");
    // PGlite is one backend: its socket server multiplexes connections, and extended-protocol messages of two
    // connections can interleave ("portal does not exist"). One connection per process avoids that entirely.
    const max = process.env.STUDIO_EMBEDDED === "1" ? 1 : Number(process.env.DB_POOL_SIZE ?? 10);
    const { db, pool } = createDb(url, max);
    g.__studioDb = db;
    g.__studioPool = pool;
  }
  return g.__studioDb;
}

/** The pg pool behind getDb(), for the few places that stream rows or need raw SQL speed. */
export function getPool(): pg.Pool {
  getDb();
  return g.__studioPool!;
}

export async function closeDb(): Promise<void> {
  const db = g.__studioDb;
  g.__studioDb = undefined;
  g.__studioPool = undefined;
  await db?.$disconnect();
}

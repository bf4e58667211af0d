import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

/** A Prisma client or the transaction client handed to $transaction callbacks. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Build a client for one database URL; the caller owns it. */
export function createDb(connectionString: string, max = 10): { db: PrismaClient; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // A dropped connection must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  // Bursts of transactions queue for a connection (the embedded database has few): wait, do not fail at 2 s.
  const db = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 15_000, timeout: 30_000 } });
  return { db, pool };
}

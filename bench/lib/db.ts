// Bench database: a dedicated, local, disposable PostgreSQL database (BENCH_DATABASE_URL), dropped, recreated and
// migrated once per `npm run bench`. Everything here refuses to touch anything that is not local and named "bench".
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { log } from "./report";

export const DEFAULT_BENCH_URL = "postgresql://postgres@127.0.0.1:5432/spec_studio_bench";
const LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"];

/** The bench database URL, after checking that it is local and that its name says it is for benchmarks. */
export function benchUrl(): string {
  const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;
  const u = new URL(url);
  if (!LOCAL_HOSTS.includes(u.hostname)) {
    throw new Error(`Refusing to benchmark against ${u.host}: BENCH_DATABASE_URL must point at a local server (it is dropped and recreated).`);
  }
  if (!/bench/.test(u.pathname)) {
    throw new Error(`Refusing to use database ${u.pathname.slice(1)}: its name must contain "bench" (it is dropped and recreated).`);
  }
  return url;
}

/** Drop and recreate the bench database, then apply every migration. */
export async function recreateBenchDb(): Promise<void> {
  const url = benchUrl();
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const applied = await applyMigrations(url);
  log(`bench database ${name} recreated, ${applied.length} migration(s) applied`);
}

/**
 * Make sure the bench database exists and is migrated. `bench/run.ts` recreates it once and sets BENCH_DB_READY=1
 * for the benchmark processes; a benchmark file run on its own (`npx tsx bench/x.bench.ts`) recreates it itself.
 */
export async function prepareBenchDb(): Promise<string> {
  const url = benchUrl();
  if (process.env.BENCH_DB_READY !== "1") {
    await recreateBenchDb();
    process.env.BENCH_DB_READY = "1";
  }
  return url;
}

/** A Prisma client + pg pool on the bench database, built the way the product builds its own (lib/db/client.ts). */
export function openBenchDb(max = 10) {
  return createDb(benchUrl(), max);
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

// A database per run, so that runs started side by side never drop each other's data.
const DEFAULT_URL = `postgresql://postgres@127.0.0.1:5432/spec_studio_test_${process.pid}`;

/** Refuse anything but a local database whose name says it is for tests: the suite drops and recreates it. */
function assertDisposable(url: string) {
  const u = new URL(url);
  if (!["127.0.0.1", "localhost", "::1"].includes(u.hostname) || !/test/.test(u.pathname)) {
    throw new Error(`Refusing to use ${u.host}${u.pathname} for tests: it must be local and its name must contain "test".`);
  }
}

async function adminQuery(url: string, sql: string) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const dbName = (url: string) => new URL(url).pathname.slice(1);

async function recreate(url: string) {
  await adminQuery(url, `DROP DATABASE IF EXISTS "${dbName(url)}" WITH (FORCE)`);
  await adminQuery(url, `CREATE DATABASE "${dbName(url)}"`);
}

/**
 * Tests run against a real PostgreSQL (TEST_DATABASE_URL, default the local server), or with TEST_DB=pglite against
 * the embedded PGlite served over TCP, exactly as `npm start` runs it.
 */
export default async function setup(project: TestProject) {
  let url: string;
  let close = async () => {};
  if (process.env.TEST_DB === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-test-pglite-"));
    const emb = await startEmbeddedDatabase(dir);
    url = emb.url;
    close = async () => {
      await emb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    url = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
    assertDisposable(url);
    await recreate(url);
    if (!process.env.TEST_DATABASE_URL) close = () => adminQuery(url, `DROP DATABASE IF EXISTS "${dbName(url)}" WITH (FORCE)`);
  }
  await applyMigrations(url);
  project.provide("databaseUrl", url);
  return close;
}

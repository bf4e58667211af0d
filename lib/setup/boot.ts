import path from "node:path";
import { parseEnv, type Env } from "@/lib/env";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { resolveSecrets } from "@/lib/setup/secrets";

export interface Booted {
  env: Env;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Everything a studio process needs before it serves: validated settings, the database (embedded PGlite when
 * DATABASE_URL is unset), secrets, and migrations applied. Puts the resolved values into process.env, where the
 * Next.js server code and the worker read them.
 */
export async function boot(opts: { migrate: boolean }): Promise<Booted> {
  const env = parseEnv();
  const dataDir = path.resolve(env.DATA_DIR);
  let closeDb = async () => {};
  let embedded = false;
  if (!env.DATABASE_URL) {
    const emb = await startEmbeddedDatabase(dataDir);
    process.env.DATABASE_URL = emb.url;
    process.env.STUDIO_EMBEDDED = "1";
    closeDb = () => emb.close();
    embedded = true;
  }
  const secrets = resolveSecrets(dataDir, env);
  process.env.NEXTAUTH_SECRET = secrets.AUTH_SECRET;
  process.env.STUDIO_ENCRYPTION_KEY = secrets.STUDIO_ENCRYPTION_KEY;
  if (env.STUDIO_URL) process.env.NEXTAUTH_URL = env.STUDIO_URL;
  else process.env.AUTH_TRUST_HOST = "1";
  if (opts.migrate) {
    const applied = await migrateWithRetry(process.env.DATABASE_URL!);
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  }
  return { env, embedded, close: closeDb };
}

/** Processes started together race for the migration lock; the loser waits and tries again. */
async function migrateWithRetry(url: string, attempts = 4): Promise<string[]> {
  for (let i = 1; ; i++) {
    try {
      return await applyMigrations(url);
    } catch (err) {
      if (i >= attempts || !/P1002|advisory lock/i.test(String((err as Error)?.message ?? err))) throw err;
      await new Promise((r) => setTimeout(r, 2000 * i));
    }
  }
}

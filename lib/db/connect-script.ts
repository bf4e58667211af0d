import path from "node:path";
import { findRunningEmbedded, startEmbeddedDatabase } from "@/lib/db/embedded";

/**
 * The database a CLI script should use: DATABASE_URL; else the embedded database a running studio serves; else the
 * embedded database opened by this script for as long as it runs.
 */
export async function connectForScript(): Promise<{ url: string; embedded: boolean; close(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, close: async () => {} };
  const dataDir = path.resolve(process.env.DATA_DIR ?? "./.data");
  const running = await findRunningEmbedded(dataDir);
  process.env.STUDIO_EMBEDDED = "1";
  if (running) {
    process.env.DATABASE_URL = running;
    return { url: running, embedded: true, close: async () => {} };
  }
  const emb = await startEmbeddedDatabase(dataDir);
  process.env.DATABASE_URL = emb.url;
  return { url: emb.url, embedded: true, close: () => emb.close() };
}

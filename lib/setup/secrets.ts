import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

interface Secrets {
  AUTH_SECRET: string;
  STUDIO_ENCRYPTION_KEY: string;
}

/**
 * Secrets for the embedded default: taken from the environment when set, else generated once and kept in
 * DATA_DIR/secrets.json (mode 0600), so sessions and encrypted keys survive restarts.
 */
export function resolveSecrets(dataDir: string, env: Partial<Secrets>): Secrets {
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<Secrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Secrets>;
  const out: Secrets = {
    AUTH_SECRET: env.AUTH_SECRET ?? stored.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    STUDIO_ENCRYPTION_KEY: env.STUDIO_ENCRYPTION_KEY ?? stored.STUDIO_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
  };
  const toStore = {
    AUTH_SECRET: stored.AUTH_SECRET ?? (env.AUTH_SECRET ? undefined : out.AUTH_SECRET),
    STUDIO_ENCRYPTION_KEY: stored.STUDIO_ENCRYPTION_KEY ?? (env.STUDIO_ENCRYPTION_KEY ? undefined : out.STUDIO_ENCRYPTION_KEY),
  };
  if (toStore.AUTH_SECRET !== stored.AUTH_SECRET || toStore.STUDIO_ENCRYPTION_KEY !== stored.STUDIO_ENCRYPTION_KEY) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(toStore, null, 2), { mode: 0o600 });
  }
  return out;
}

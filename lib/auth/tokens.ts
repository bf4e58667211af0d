import { createHash, randomBytes } from "node:crypto";

/** API token secrets look like `sst_<43 base64url chars>`; only their SHA-256 is stored. */
export const TOKEN_PREFIX = "sst_";

export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The part of a secret shown in lists so people can tell tokens apart. */
export function tokenDisplayPrefix(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX.length + 6);
}

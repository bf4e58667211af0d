import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** AES-256-GCM with the key from STUDIO_ENCRYPTION_KEY; the output is `iv.tag.ciphertext` in base64. */
function key(): Buffer {
  const raw = process.env.STUDIO_ENCRYPTION_KEY;
  const k = raw ? Buffer.from(raw, "base64") : Buffer.alloc(0);
  if (k.length !== 32) throw new Error("STUDIO_ENCRYPTION_KEY is not set to 32 base64-encoded bytes.");
  return k;
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64")).join(".");
}

/** Throws when the value was not made with this key or was altered. */
export function decryptSecret(boxed: string): string {
  const [iv, tag, data] = boxed.split(".").map((p) => Buffer.from(p, "base64"));
  const decipher = createDecipheriv("aes-256-gcm", key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}

/** "…wxyz": enough to tell keys apart, never enough to use one. */
export const keyHint = (secret: string) => (secret.length > 8 ? `…${secret.slice(-4)}` : "…");

import { z } from "zod";

/**
 * Every setting of the studio, validated in one place. docs/configuration.md documents each one.
 * Read lazily (getEnv) so that `next build` needs no secrets.
 */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const boolFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : ["1", "true", "yes"].includes(v)));

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(
    z.url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// or postgresql:// URL" }).optional(),
  ),
  DATA_DIR: z.string().default("./.data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  /** Public URL of the studio; an https URL turns on secure cookies. */
  STUDIO_URL: optionalString.pipe(z.url().optional()),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional()),
  /** 32 bytes, base64: encrypts provider keys at rest (AES-256-GCM). */
  STUDIO_ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "STUDIO_ENCRYPTION_KEY must be 32 bytes, base64-encoded")
      .optional(),
  ),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Run the job worker inside `npm start` (default) or leave it to `npm run worker`. */
  STUDIO_WORKER: z.enum(["embedded", "off"]).default("embedded"),
  STUDIO_INIT_USER_EMAIL: optionalString.pipe(z.email().optional()),
  STUDIO_INIT_USER_PASSWORD: optionalString,
  STUDIO_INIT_WORKSPACE: optionalString.pipe(
    z.string().regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, "STUDIO_INIT_WORKSPACE must be a slug").optional(),
  ),
  STUDIO_INIT_API_TOKEN: optionalString.pipe(z.string().min(24, "STUDIO_INIT_API_TOKEN must be 24+ chars").optional()),
  STUDIO_ADMIN_EMAILS: optionalString,
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  GOOGLE_ID: optionalString,
  GOOGLE_SECRET: optionalString,
  OIDC_ISSUER: optionalString.pipe(z.url().optional()),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_NAME: z.string().default("Single sign-on"),
  /** Trust X-Forwarded-For for client IPs (behind a reverse proxy). */
  TRUST_PROXY: boolFlag,
  /** Outgoing mail (invitations): smtp:// or smtps:// with credentials in the URL. Unset: links are only copied. */
  SMTP_URL: optionalString.pipe(
    z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.com:465" }).optional(),
  ),
  /** Sender of those e-mails: an address, or `Name <address>`. */
  SMTP_FROM: optionalString.pipe(
    z
      .string()
      .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, "SMTP_FROM must be an e-mail address or `Name <address>`")
      .optional(),
  ),
  /** Test-only: lifts the per-IP rate limits (per-account limits stay). Refused in production. */
  STUDIO_TEST_MODE: boolFlag,
});

export type Env = z.infer<typeof envSchema>;

/** Thrown at start-up with every problem listed, so an operator can fix them in one go. */
export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}\nSee docs/configuration.md.`);
  }
  const env = result.data;
  if (env.SMTP_URL && !env.SMTP_FROM) {
    throw new EnvError("Invalid configuration:\n  - SMTP_FROM: required when SMTP_URL is set (the sender of invitation e-mails)\nSee docs/configuration.md.");
  }
  if (env.NODE_ENV === "production" && env.DATABASE_URL) {
    const missing = (["AUTH_SECRET", "STUDIO_ENCRYPTION_KEY"] as const).filter((k) => !env[k]);
    if (missing.length) {
      throw new EnvError(
        `Missing ${missing.join(" and ")}: with NODE_ENV=production and an external DATABASE_URL the studio does not ` +
          `generate secrets. Set them (for example: openssl rand -base64 32). See docs/configuration.md.`,
      );
    }
    if (env.STUDIO_TEST_MODE) throw new EnvError("STUDIO_TEST_MODE must not be set in production.");
  }
  return env;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

export function isEmbedded(): boolean {
  return process.env.STUDIO_EMBEDDED === "1";
}

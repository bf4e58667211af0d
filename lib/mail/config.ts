import { envSchema } from "@/lib/env";

/** Where and as whom the studio sends e-mail. */
export interface MailConfig {
  /** smtp:// or smtps:// with credentials, as in SMTP_URL */
  url: string;
  /** the From header: an address or `Name <address>` */
  from: string;
}

// Only the mail settings: a request handler must not re-check the whole environment (start-up did, and secrets
// such as AUTH_SECRET may live in DATA_DIR rather than in the environment).
const smtpSchema = envSchema.pick({ SMTP_URL: true, SMTP_FROM: true });

/**
 * The mail settings, or null when SMTP is not configured. Start-up (parseEnv) refuses bad values and SMTP_URL
 * without SMTP_FROM, so a running studio only ever sees valid ones here.
 */
export function mailConfigFromEnv(source: Record<string, string | undefined> = process.env): MailConfig | null {
  const parsed = smtpSchema.safeParse(source);
  if (!parsed.success) return null;
  const { SMTP_URL, SMTP_FROM } = parsed.data;
  return SMTP_URL && SMTP_FROM ? { url: SMTP_URL, from: SMTP_FROM } : null;
}

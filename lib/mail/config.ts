import { getEnv, type Env } from "@/lib/env";

/** Where and as whom the studio sends e-mail. */
export interface MailConfig {
  /** smtp:// or smtps:// with credentials, as in SMTP_URL */
  url: string;
  /** the From header: an address or `Name <address>` */
  from: string;
}

/** The mail settings, or null when SMTP is not configured (parseEnv already demands SMTP_FROM with SMTP_URL). */
export function mailConfigFromEnv(env: Pick<Env, "SMTP_URL" | "SMTP_FROM"> = getEnv()): MailConfig | null {
  return env.SMTP_URL && env.SMTP_FROM ? { url: env.SMTP_URL, from: env.SMTP_FROM } : null;
}

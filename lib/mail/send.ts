import nodemailer from "nodemailer";
import type { MailConfig } from "@/lib/mail/config";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What became of one e-mail. `error` says why it was not sent, in words an admin can act on. */
export type MailOutcome = { sent: true } | { sent: false; error: string };

// Sending happens while the person who invited waits for the answer: a dead or slow server must fail in seconds,
// not after nodemailer's default two minutes.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * Send one e-mail over SMTP. Never throws: the caller has already committed what the e-mail is about, and a mail
 * failure must not undo it. Strings in `redact` (secrets in the message) never appear in the returned error.
 */
export async function sendMail(config: MailConfig, message: MailMessage, redact: string[] = []): Promise<MailOutcome> {
  const transport = nodemailer.createTransport(config.url, { ...TIMEOUTS, from: config.from });
  try {
    await transport.sendMail(message);
    return { sent: true };
  } catch (err) {
    return { sent: false, error: scrub(describeMailError(err), [...redact, ...credentialsOf(config.url)]) };
  } finally {
    transport.close();
  }
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** nodemailer's error as one sentence: what failed (connect, login, refused) and the server's own words. */
export function describeMailError(err: unknown): string {
  const e = (err ?? {}) as SmtpError;
  const server = e.responseCode ? `${e.response ?? e.responseCode}`.trim() : (e.message ?? String(err)).trim();
  switch (e.code) {
    case "ECONNECTION":
    case "ESOCKET":
    case "ETIMEDOUT":
    case "EDNS":
      return `Could not reach the mail server: ${server}`;
    case "EAUTH":
      return `The mail server refused the SMTP login: ${server}`;
    case "EENVELOPE":
    case "EMESSAGE":
      return `The mail server refused the message: ${server}`;
    default:
      return e.responseCode ? `The mail server answered ${server}` : `Sending failed: ${server}`;
  }
}

function credentialsOf(url: string): string[] {
  try {
    const u = new URL(url);
    return [u.password, decodeURIComponent(u.password)].filter((s) => s.length >= 3);
  } catch {
    return [];
  }
}

function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join("[redacted]");
  return out.length > 300 ? `${out.slice(0, 297)}…` : out;
}

// A real SMTP server inside the test process (the smtp-server package), for tests of the e-mails the studio sends:
// it receives each message over a real SMTP conversation, checks the login, and can refuse chosen recipients the way
// a real server does (5xx), so tests can read what was sent or see how the studio reports a refusal.
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** the whole message as sent: headers and body */
  raw: string;
  subject: string;
  /** the text/plain part, transfer-decoded */
  text: string;
  /** the text/html part, transfer-decoded ("" when there is none) */
  html: string;
}

export interface TestSmtpServer {
  port: number;
  /** smtp://user:password@127.0.0.1:port, as SMTP_URL */
  url: string;
  received: ReceivedMail[];
  /** resolves with the first message to `to` (waits for it up to `timeoutMs`) */
  waitFor(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export const TEST_SMTP_USER = "studio-mailer";
export const TEST_SMTP_PASSWORD = "smtp test password 42";

/**
 * Start the server on a free local port. Plain SMTP with AUTH (no STARTTLS: no certificate to trust in tests).
 * Recipients matching `refuse` are answered `550 5.1.1 mailbox unavailable`; `port` picks a fixed port.
 */
export async function startTestSmtpServer(opts: { refuse?: RegExp; port?: number } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const options: SMTPServerOptions = {
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === TEST_SMTP_USER && auth.password === TEST_SMTP_PASSWORD) return cb(null, { user: auth.username });
      cb(Object.assign(new Error("5.7.8 Authentication credentials invalid"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (opts.refuse?.test(address.address)) return cb(Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: header(raw, "subject"),
          text: part(raw, "text/plain") ?? raw,
          html: part(raw, "text/html") ?? "",
        });
        waiters.splice(0).forEach((w) => w());
        cb();
      });
    },
  };
  const server = new SMTPServer(options);
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    const listening = server.listen(opts.port ?? 0, "127.0.0.1", () => resolve((listening.address() as AddressInfo).port));
  });
  const waitFor = async (to: string, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find((m) => m.to.includes(to));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no e-mail to ${to} arrived within ${timeoutMs} ms (got: ${received.map((m) => m.to.join(",")).join("; ") || "none"})`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  return {
    port,
    url: `smtp://${TEST_SMTP_USER}:${encodeURIComponent(TEST_SMTP_PASSWORD)}@127.0.0.1:${port}`,
    received,
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const m = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head);
  return m ? decodeWords(m[1].trim()) : "";
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes non-ASCII or long subjects. */
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : decodeQp(data.replace(/_/g, " ")),
    );
}

function decodeQp(s: string): string {
  const soft = s.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The part of a (possibly multipart) message with this content type, its transfer encoding undone. */
function part(raw: string, type: string): string | undefined {
  const found = raw.split(/\r?\n--[^\r\n]+\r?\n/).find((p) => new RegExp(`^content-type:\\s*${type}`, "im").test(p.split(/\r?\n\r?\n/)[0]));
  if (found === undefined) return undefined;
  const [head, ...rest] = found.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n").replace(/\r?\n--[^\r\n]+--\s*$/, "");
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(head)?.[1].toLowerCase();
  if (encoding === "quoted-printable") return decodeQp(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

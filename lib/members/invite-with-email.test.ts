// Invitation e-mails against a real SMTP server in this process (lib/mail/testing): the mail arrives with a link
// that works; a refusing (5xx) or unreachable server, or none configured, leaves the invitation in place and says why.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import net from "node:net";
import { authorize } from "@/lib/rbac/authorize";
import { acceptInvitation, describeInvitation } from "@/lib/members/invitations";
import { inviteWithEmail, MAIL_NOT_CONFIGURED } from "@/lib/members/invite-with-email";
import { inviteSchema } from "@/lib/members/schemas";
import { startTestSmtpServer, TEST_SMTP_PASSWORD, type TestSmtpServer } from "@/lib/mail/testing/test-smtp-server";
import { actorFromPrincipal } from "@/lib/audit/actor";
import { makeWorkspace, sessionPrincipal, testDb, uniq } from "@/tests/helpers/db";

const db = testDb();
const meta = { ip: "203.0.113.9", userAgent: "vitest invitations" };
const ORIGIN = "https://studio.example.test";
const FROM = "Spec Studio <studio@example.test>";

async function ownerAccess() {
  const { ws, owner } = await makeWorkspace();
  await db.user.update({ where: { id: owner.id }, data: { name: "Olivia Owner" } });
  const principal = await sessionPrincipal(owner.id);
  return authorize(db, { principal, meta, scope: "member:invite", workspaceId: ws.id });
}

const invite = (email: string) => inviteSchema.parse({ email, role: "reviewer" });
const secretOf = (link: string) => new URL(link).pathname.split("/").pop()!;

/** A local port with nothing listening on it: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("inviteWithEmail", () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer({ refuse: /^bounce-/ });
  });
  afterAll(async () => {
    await smtp.close();
  });

  it("e-mails the one-time link; the link from the e-mail joins the workspace", async () => {
    const access = await ownerAccess();
    const email = `${uniq("mailed")}@example.test`;
    const out = await inviteWithEmail(db, access, invite(email), { origin: ORIGIN, mail: { url: smtp.url, from: FROM } });
    expect(out.email).toEqual({ configured: true, sent: true });
    expect(out.invitation).toMatchObject({ email, role: "reviewer", status: "pending" });

    const mail = await smtp.waitFor(email);
    expect(mail.from).toBe("studio@example.test");
    expect(mail.subject).toBe(`Olivia Owner invited you to ${access.workspace.name} on Spec Studio`);
    expect(mail.text).toContain(`as a reviewer`);
    const link = /https:\/\/studio\.example\.test\/invite\/[\w-]+/.exec(mail.text)?.[0];
    expect(link).toBe(out.invitation.link);
    expect(mail.html).toContain(`<a href="${link}">`);

    // The person follows the link from their inbox.
    const invitee = await db.user.create({ data: { email, name: "Invitee" } });
    expect((await describeInvitation(db, secretOf(link!))).status).toBe("pending");
    const joined = await acceptInvitation(db, await sessionPrincipal(invitee.id), actorFromPrincipal(await sessionPrincipal(invitee.id), meta), secretOf(link!));
    expect(joined).toEqual({ workspace: { slug: access.workspace.slug, name: access.workspace.name }, role: "reviewer" });
  });

  it("keeps the invitation when the server refuses the recipient (550) and says why, without the secret", async () => {
    const access = await ownerAccess();
    const email = `bounce-${uniq("r")}@example.test`;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const out = await inviteWithEmail(db, access, invite(email), { origin: ORIGIN, mail: { url: smtp.url, from: FROM } });
      expect(out.email.configured).toBe(true);
      expect(out.email.sent).toBe(false);
      expect(out.email.error).toMatch(/^The mail server refused the message: 550 5\.1\.1 mailbox unavailable/);
      const secret = secretOf(out.invitation.link);
      expect(out.email.error).not.toContain(secret);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toContain(out.invitation.id);
      expect(String(warn.mock.calls[0][0])).not.toContain(secret);

      const stored = await db.invitation.findUniqueOrThrow({ where: { id: out.invitation.id } });
      expect(stored).toMatchObject({ email, revokedAt: null, acceptedAt: null });
      expect((await describeInvitation(db, secret)).status).toBe("pending");
      expect(smtp.received.some((m) => m.to.includes(email))).toBe(false);
    } finally {
      warn.mockRestore();
    }
  });

  /** Invite through a mail server that fails; the invitation must exist and be pending, the warning logged. */
  async function inviteThroughFailingServer(url: string, prefix: string) {
    const access = await ownerAccess();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const out = await inviteWithEmail(db, access, invite(`${uniq(prefix)}@example.test`), { origin: ORIGIN, mail: { url, from: FROM } });
      expect(out.email).toMatchObject({ configured: true, sent: false });
      expect((await describeInvitation(db, secretOf(out.invitation.link))).status).toBe("pending");
      expect(warn).toHaveBeenCalledTimes(1);
      return out.email.error ?? "";
    } finally {
      warn.mockRestore();
    }
  }

  it("keeps the invitation when the mail server cannot be reached", async () => {
    const error = await inviteThroughFailingServer(`smtp://studio:${encodeURIComponent(TEST_SMTP_PASSWORD)}@127.0.0.1:${await closedPort()}`, "unreached");
    expect(error).toMatch(/^Could not reach the mail server: .*ECONNREFUSED/);
    expect(error).not.toContain(TEST_SMTP_PASSWORD);
  });

  it("says the login was refused for wrong SMTP credentials, without echoing the password", async () => {
    const error = await inviteThroughFailingServer(smtp.url.replace(encodeURIComponent(TEST_SMTP_PASSWORD), "wrong-password-123"), "badauth");
    expect(error).toMatch(/^The mail server refused the SMTP login: 535/);
    expect(error).not.toContain("wrong-password-123");
  });

  it("without SMTP configured creates the invitation and says the link must be copied", async () => {
    const access = await ownerAccess();
    const email = `${uniq("nomail")}@example.test`;
    const before = smtp.received.length;
    const out = await inviteWithEmail(db, access, invite(email), { origin: ORIGIN, mail: null });
    expect(out.email).toEqual({ configured: false, sent: false, error: MAIL_NOT_CONFIGURED });
    expect(out.invitation.link).toMatch(/^https:\/\/studio\.example\.test\/invite\/[\w-]+$/);
    expect((await describeInvitation(db, secretOf(out.invitation.link))).status).toBe("pending");
    expect(smtp.received.length).toBe(before);
  });

  it("never writes the secret into the audit trail", async () => {
    const access = await ownerAccess();
    const email = `${uniq("audited")}@example.test`;
    const out = await inviteWithEmail(db, access, invite(email), { origin: ORIGIN, mail: { url: smtp.url, from: FROM } });
    const events = await db.auditEvent.findMany({ where: { workspaceId: access.workspace.id, action: "member.invited" } });
    expect(events).toHaveLength(1);
    const serialized = JSON.stringify(events, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    expect(serialized).toContain(email);
    expect(serialized).not.toContain(secretOf(out.invitation.link));
  });
});

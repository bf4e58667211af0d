import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { mailConfigFromEnv } from "@/lib/mail/config";
import { invitationEmail } from "@/lib/members/invitation-email";

function problem(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    return (err as Error).message;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("SMTP settings", () => {
  it("are off when SMTP_URL is unset or blank", () => {
    expect(mailConfigFromEnv(parseEnv({}))).toBeNull();
    expect(mailConfigFromEnv(parseEnv({ SMTP_URL: "  ", SMTP_FROM: "" }))).toBeNull();
  });

  it("accept smtp:// and smtps:// with credentials and a sender address or `Name <address>`", () => {
    expect(mailConfigFromEnv(parseEnv({ SMTP_URL: "smtps://mailer:p%40ss@mail.example.com:465", SMTP_FROM: "Spec Studio <studio@example.com>" }))).toEqual({
      url: "smtps://mailer:p%40ss@mail.example.com:465",
      from: "Spec Studio <studio@example.com>",
    });
    expect(mailConfigFromEnv(parseEnv({ SMTP_URL: "smtp://localhost:2525", SMTP_FROM: "studio@example.com" }))?.from).toBe("studio@example.com");
  });

  it("refuse another scheme, a bad sender, and SMTP_URL without SMTP_FROM, naming the variable", () => {
    expect(problem({ SMTP_URL: "https://mail.example.com", SMTP_FROM: "a@example.com" })).toContain("SMTP_URL: SMTP_URL must be an smtp:// or smtps:// URL");
    expect(problem({ SMTP_URL: "smtp://mail.example.com", SMTP_FROM: "not an address" })).toContain("SMTP_FROM: SMTP_FROM must be an e-mail address");
    expect(problem({ SMTP_URL: "smtp://mail.example.com" })).toContain("SMTP_FROM: required when SMTP_URL is set");
  });
});

describe("invitationEmail", () => {
  it("escapes names in the HTML and keeps the link intact", () => {
    const m = invitationEmail({
      to: "x@example.com",
      link: "https://studio.example.com/invite/abc-DEF_123",
      workspaceName: "<script>alert(1)</script> & Co",
      inviterName: 'Eve "the" Admin',
      role: "admin",
      expiresAt: new Date("2030-01-02T03:04:05Z"),
    });
    expect(m.subject).toBe('Eve "the" Admin invited you to <script>alert(1)</script> & Co on Spec Studio');
    expect(m.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
    expect(m.html).toContain("Eve &quot;the&quot; Admin");
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain('<a href="https://studio.example.com/invite/abc-DEF_123">');
    expect(m.text).toContain("as an admin");
    expect(m.text).toContain("expires on 2030-01-02 (UTC)");
  });
});

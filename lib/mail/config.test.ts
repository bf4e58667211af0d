import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { mailConfigFromEnv } from "@/lib/mail/config";
import { invitationEmail } from "@/lib/members/invitation-email";

describe("SMTP settings", () => {
  it("are off when SMTP_URL is unset or blank", () => {
    expect(mailConfigFromEnv({})).toBeNull();
    expect(mailConfigFromEnv({ SMTP_URL: "  ", SMTP_FROM: "" })).toBeNull();
  });

  it("accept smtp:// and smtps:// with credentials and a sender address or `Name <address>`", () => {
    const env = { SMTP_URL: "smtps://mailer:p%40ss@mail.example.com:465", SMTP_FROM: "Spec Studio <studio@example.com>" };
    expect(parseEnv(env)).toMatchObject(env);
    expect(mailConfigFromEnv(env)).toEqual({
      url: "smtps://mailer:p%40ss@mail.example.com:465",
      from: "Spec Studio <studio@example.com>",
    });
    expect(mailConfigFromEnv({ SMTP_URL: " smtp://localhost:2525 ", SMTP_FROM: "studio@example.com" })).toEqual({ url: "smtp://localhost:2525", from: "studio@example.com" });
  });

  it("read only the mail settings: the rest of the environment is start-up's business", () => {
    // as in a request handler of a production studio whose AUTH_SECRET lives in DATA_DIR, not in the environment
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgresql://db.example.com/studio" })).toThrow(/AUTH_SECRET/);
    expect(mailConfigFromEnv({ NODE_ENV: "production", DATABASE_URL: "postgresql://db.example.com/studio", SMTP_URL: "smtp://mail.example.com", SMTP_FROM: "s@example.com" })).toEqual({
      url: "smtp://mail.example.com",
      from: "s@example.com",
    });
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

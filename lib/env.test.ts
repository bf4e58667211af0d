import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const KEY = Buffer.alloc(32, 7).toString("base64");
const SECRET = "s".repeat(16) + "0123456789abcdef";
const PG = "postgresql://studio@db.example.com:5432/studio";

/** parseEnv's error message, or fail. */
function problem(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    return (err as Error).message;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("parseEnv", () => {
  it("fills in the defaults from an empty environment", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      DATA_DIR: "./.data",
      PORT: 3000,
      HOST: "127.0.0.1",
      DB_POOL_SIZE: 10,
      STUDIO_WORKER: "embedded",
      OIDC_NAME: "Single sign-on",
    });
  });

  it("parses, coerces and trims what is set; empty strings count as unset", () => {
    const env = parseEnv({
      NODE_ENV: "test",
      PORT: "8080",
      DB_POOL_SIZE: "25",
      DATABASE_URL: `  ${PG}  `,
      AUTH_SECRET: "",
      TRUST_PROXY: "yes",
      STUDIO_TEST_MODE: "0",
      STUDIO_INIT_USER_EMAIL: "owner@example.com",
      GITHUB_ID: "   ",
    });
    expect(env).toMatchObject({ NODE_ENV: "test", PORT: 8080, DB_POOL_SIZE: 25, DATABASE_URL: PG, TRUST_PROXY: true, STUDIO_TEST_MODE: false });
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env.GITHUB_ID).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/x" }).DATABASE_URL).toBe("postgres://localhost/x");
  });

  it.each(["abc", "0", "70000", "80.5"])("names PORT when it is %j", (port) => {
    const msg = problem({ PORT: port });
    expect(msg).toMatch(/^Invalid configuration:\n {2}- PORT: /);
    expect(msg).toContain("See docs/configuration.md.");
  });

  it.each(["mysql://db/x", "not a url", "http://db.example.com/x"])("names DATABASE_URL when it is %j", (url) => {
    expect(problem({ DATABASE_URL: url })).toContain("- DATABASE_URL: DATABASE_URL must be a postgres:// or postgresql:// URL");
  });

  it("lists every invalid variable at once", () => {
    const msg = problem({ PORT: "nope", DATABASE_URL: "mysql://x/y", STUDIO_WORKER: "sometimes", TRUST_PROXY: "maybe", AUTH_SECRET: "short" });
    for (const name of ["PORT", "DATABASE_URL", "STUDIO_WORKER", "TRUST_PROXY", "AUTH_SECRET"]) expect(msg).toContain(`- ${name}: `);
    expect(msg).toContain("AUTH_SECRET must be at least 32 characters");
  });

  it("checks the shape of secrets and init settings", () => {
    expect(problem({ STUDIO_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") })).toContain("STUDIO_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
    expect(problem({ STUDIO_INIT_WORKSPACE: "Not A Slug" })).toContain("STUDIO_INIT_WORKSPACE must be a slug");
    expect(problem({ STUDIO_INIT_API_TOKEN: "sst_short" })).toContain("STUDIO_INIT_API_TOKEN must be 24+ chars");
    expect(problem({ STUDIO_INIT_USER_EMAIL: "nobody" })).toContain("- STUDIO_INIT_USER_EMAIL: ");
  });

  describe("in production with an external database", () => {
    it("requires AUTH_SECRET and STUDIO_ENCRYPTION_KEY, naming both", () => {
      const msg = problem({ NODE_ENV: "production", DATABASE_URL: PG });
      expect(msg).toMatch(/^Missing AUTH_SECRET and STUDIO_ENCRYPTION_KEY: /);
      expect(msg).toContain("NODE_ENV=production");
    });

    it("names only the one that is missing", () => {
      expect(problem({ NODE_ENV: "production", DATABASE_URL: PG, AUTH_SECRET: SECRET })).toMatch(/^Missing STUDIO_ENCRYPTION_KEY: /);
      expect(problem({ NODE_ENV: "production", DATABASE_URL: PG, STUDIO_ENCRYPTION_KEY: KEY })).toMatch(/^Missing AUTH_SECRET: /);
      expect(problem({ NODE_ENV: "production", DATABASE_URL: PG, AUTH_SECRET: "  ", STUDIO_ENCRYPTION_KEY: KEY })).toMatch(/^Missing AUTH_SECRET: /);
    });

    it("starts with both set", () => {
      expect(parseEnv({ NODE_ENV: "production", DATABASE_URL: PG, AUTH_SECRET: SECRET, STUDIO_ENCRYPTION_KEY: KEY })).toMatchObject({
        NODE_ENV: "production",
        AUTH_SECRET: SECRET,
        STUDIO_ENCRYPTION_KEY: KEY,
      });
    });

    it.each(["1", "true", "yes"])("refuses STUDIO_TEST_MODE=%s", (flag) => {
      expect(problem({ NODE_ENV: "production", DATABASE_URL: PG, AUTH_SECRET: SECRET, STUDIO_ENCRYPTION_KEY: KEY, STUDIO_TEST_MODE: flag })).toBe(
        "STUDIO_TEST_MODE must not be set in production.",
      );
    });

    it("accepts STUDIO_TEST_MODE switched off", () => {
      expect(parseEnv({ NODE_ENV: "production", DATABASE_URL: PG, AUTH_SECRET: SECRET, STUDIO_ENCRYPTION_KEY: KEY, STUDIO_TEST_MODE: "0" }).STUDIO_TEST_MODE).toBe(false);
    });
  });

  it("lets production on the embedded database generate its own secrets", () => {
    const env = parseEnv({ NODE_ENV: "production", STUDIO_TEST_MODE: "1" });
    expect(env.NODE_ENV).toBe("production");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
    // the per-IP limits may be lifted for browser tests of a production build on the embedded database
    expect(env.STUDIO_TEST_MODE).toBe(true);
  });

  it("refuses an SMTP_URL of another scheme, a bad SMTP_FROM, and SMTP_URL without SMTP_FROM", () => {
    expect(problem({ SMTP_URL: "https://mail.example.com", SMTP_FROM: "a@example.com" })).toContain("SMTP_URL: SMTP_URL must be an smtp:// or smtps:// URL");
    expect(problem({ SMTP_URL: "smtp://mail.example.com", SMTP_FROM: "not an address" })).toContain("SMTP_FROM: SMTP_FROM must be an e-mail address");
    expect(problem({ SMTP_URL: "smtp://mail.example.com" })).toContain("SMTP_FROM: required when SMTP_URL is set");
  });
});

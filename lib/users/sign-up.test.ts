import { describe, expect, it } from "vitest";
import { signUp, signUpSchema } from "@/lib/users/sign-up";
import { verifyPassword } from "@/lib/auth/password";
import { INSTANCE_CHAIN } from "@/lib/audit/record";
import { verifyAuditChains } from "@/lib/audit/verify";
import { testDb, testPool, uniq } from "@/tests/helpers/db";
import { withAuditInsertFailure } from "@/tests/helpers/audit";
import { expectAppError } from "@/tests/helpers/errors";

const db = testDb();
const pool = testPool();
const meta = { ip: "192.0.2.44", userAgent: "vitest sign-up" };
const PASSWORD = "correct horse battery";

const counts = async () => ({ users: await db.user.count(), events: await db.auditEvent.count() });
const input = (email: string, name = "Ada Lovelace", password = PASSWORD) => signUpSchema.parse({ email, name, password });

describe("signUp", () => {
  it("creates the user with a hashed password and records user.signed_up on the instance chain", async () => {
    const local = uniq("ada");
    const before = await counts();
    const result = await signUp(db, input(`${local}@Example.TEST`), meta);

    expect(result).toEqual({ id: expect.any(String), email: `${local}@example.test`, name: "Ada Lovelace" });
    const user = await db.user.findUniqueOrThrow({ where: { id: result.id } });
    expect(user.email).toBe(`${local}@example.test`);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(user.passwordHash!, PASSWORD)).toBe(true);
    expect(await verifyPassword(user.passwordHash!, PASSWORD + "x")).toBe(false);

    const events = await db.auditEvent.findMany({ where: { resourceId: result.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      chain: INSTANCE_CHAIN,
      workspaceId: null,
      action: "user.signed_up",
      resourceType: "user",
      actorType: "user",
      actorId: result.id,
      actorLabel: `${local}@example.test`,
      ip: meta.ip,
      userAgent: meta.userAgent,
      after: { email: `${local}@example.test`, name: "Ada Lovelace" },
    });
    expect(JSON.stringify({ ...events[0], id: events[0].id.toString() })).not.toContain(PASSWORD);
    expect(await counts()).toEqual({ users: before.users + 1, events: before.events + 1 });
    expect((await verifyAuditChains(pool, { chain: INSTANCE_CHAIN })).ok).toBe(true);
  });

  it("creates the user and its event in one transaction: when the event cannot be written, no user exists", async () => {
    const marker = uniq("NOSIGNUP");
    const email = `${uniq("grace")}@example.test`;
    const before = await counts();
    await withAuditInsertFailure(pool, marker, async () => {
      await expect(signUp(db, input(email, `Grace ${marker}`), meta)).rejects.toThrow(/injected audit failure/);
    });
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("refuses an e-mail that is taken, whatever its case, and writes nothing", async () => {
    const local = uniq("Taken");
    await signUp(db, input(`${local}@example.test`), meta);
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { chain: INSTANCE_CHAIN } });
    const before = await counts();

    for (const email of [`${local}@example.test`, `${local.toUpperCase()}@EXAMPLE.TEST`, `${local.toLowerCase()}@Example.Test`]) {
      const err = await expectAppError(signUp(db, input(email, "Someone Else", "another good passphrase"), meta), "conflict");
      expect(err.status).toBe(409);
      expect(err.message).toBe("An account with this e-mail already exists. Sign in instead.");
      expect(err.details).toEqual({ field: "email" });
    }

    expect(await counts()).toEqual(before);
    expect(await db.auditChainHead.findUniqueOrThrow({ where: { chain: INSTANCE_CHAIN } })).toEqual(head);
    // the first account is untouched
    const user = await db.user.findUniqueOrThrow({ where: { email: `${local.toLowerCase()}@example.test` } });
    expect(user.name).toBe("Ada Lovelace");
    expect(await verifyPassword(user.passwordHash!, PASSWORD)).toBe(true);
  });
});

describe("signUpSchema", () => {
  const messages = (data: Record<string, unknown>, field: string) => {
    const r = signUpSchema.safeParse({ email: "ok@example.test", name: "Ok", password: PASSWORD, ...data });
    expect(r.success, `${JSON.stringify(data)} should be rejected`).toBe(false);
    return r.error!.issues.filter((i) => i.path[0] === field).map((i) => i.message);
  };

  it("accepts a good password and lower-cases the e-mail", () => {
    expect(signUpSchema.parse({ email: "Mixed@Case.Example", name: "  Pat  ", password: PASSWORD })).toEqual({
      email: "mixed@case.example",
      name: "Pat",
      password: PASSWORD,
    });
  });

  it.each([
    ["too short", "short1!", "Use at least 10 characters."],
    ["too long", "aB3$".repeat(65), "Use at most 256 characters."],
    ["common", "1234567890", "This password is too common; choose another."],
    ["common, other case", "QwertyUIOP", "This password is too common; choose another."],
    ["repetitive", "aaaaaaaaaaaa", "Use a less repetitive password (at least 5 different characters)."],
    ["repetitive pattern", "abababababab", "Use a less repetitive password (at least 5 different characters)."],
  ])("rejects a %s password", (_label, password, message) => {
    expect(messages({ password }, "password")).toContain(message);
  });

  it("accepts a 10-character password with 5 different characters", () => {
    expect(signUpSchema.safeParse({ email: "ok@example.test", name: "Ok", password: "abcdeabcde" }).success).toBe(true);
  });

  it("rejects a bad e-mail and an empty name with their messages", () => {
    expect(messages({ email: "not-an-email" }, "email")).toEqual(["Enter a valid e-mail address."]);
    expect(messages({ name: "   " }, "name")).toEqual(["Enter your name."]);
  });
});

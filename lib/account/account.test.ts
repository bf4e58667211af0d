import { describe, expect, it } from "vitest";
import { changePassword } from "@/lib/account/password";
import { getProfile, updateProfile } from "@/lib/account/profile";
import { changePasswordSchema } from "@/lib/account/schemas";
import { requireSessionPrincipal, type SessionPrincipal } from "@/lib/account/session-principal";
import { listSessions, revokeOtherSessions, revokeSession } from "@/lib/account/sessions";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createSession, principalFromSession } from "@/lib/auth/sessions";
import { INSTANCE_CHAIN } from "@/lib/audit/record";
import { verifyAuditChains } from "@/lib/audit/verify";
import type { Principal } from "@/lib/auth/principal";
import { testDb, testPool, uniq } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";

const db = testDb();
const pool = testPool();
const meta = { ip: "198.51.100.4", userAgent: "vitest account" };
const OLD = "old password 0123";
const NEW = "brand new password 4567";

/** A password account signed in on three browsers; `principal` is the first one. */
async function accountWithSessions(n = 3) {
  const user = await db.user.create({ data: { email: `${uniq("acct")}@example.test`, name: "Account Tester", passwordHash: await hashPassword(OLD) } });
  const sessions = [];
  for (let i = 0; i < n; i++) sessions.push(await createSession(db, user.id, { ip: `198.51.100.${i + 1}`, userAgent: `browser ${i}` }));
  const principal = (await principalFromSession(db, sessions[0].id)) as SessionPrincipal;
  return { user, sessions, principal };
}

const instanceEvents = (action: string, resourceId: string) =>
  db.auditEvent.findMany({ where: { chain: INSTANCE_CHAIN, action, resourceId }, orderBy: { id: "asc" } });

describe("changePassword", () => {
  it("stores the new hash, signs out every other session and keeps this one", async () => {
    const { user, sessions, principal } = await accountWithSessions(3);
    const out = await changePassword(db, principal, meta, changePasswordSchema.parse({ currentPassword: OLD, newPassword: NEW }));
    expect(out).toEqual({ otherSessionsSignedOut: 2 });

    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash!, NEW)).toBe(true);
    expect(await verifyPassword(stored.passwordHash!, OLD)).toBe(false);

    const left = await db.session.findMany({ where: { userId: user.id } });
    expect(left.map((s) => s.id)).toEqual([sessions[0].id]);
    // the other browsers are signed out at their next request; this one is not
    expect(await principalFromSession(db, sessions[1].id)).toBeNull();
    expect(await principalFromSession(db, sessions[2].id)).toBeNull();
    expect(await principalFromSession(db, sessions[0].id)).not.toBeNull();

    const [ev] = await instanceEvents("user.password_changed", user.id);
    expect(ev).toMatchObject({ chain: INSTANCE_CHAIN, workspaceId: null, actorId: user.id, actorType: "user", resourceType: "user", ip: meta.ip });
    expect(ev.metadata).toEqual({ otherSessionsSignedOut: 2 });
    expect(JSON.stringify({ ...ev, id: ev.id.toString() })).not.toContain(NEW);
    expect((await verifyAuditChains(pool, { chain: INSTANCE_CHAIN })).ok).toBe(true);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const { user, sessions, principal } = await accountWithSessions(2);
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const err = await expectAppError(changePassword(db, principal, meta, { currentPassword: "not the password", newPassword: NEW }), "validation_failed");
    expect(err.message).toMatch(/current password is not correct/);
    expect(err.details).toEqual({ field: "currentPassword" });

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect((await db.session.findMany({ where: { userId: user.id } })).map((s) => s.id).sort()).toEqual(sessions.map((s) => s.id).sort());
    expect(await instanceEvents("user.password_changed", user.id)).toHaveLength(0);
  });

  it("validates the new password with the sign-up rules and refuses reusing the current one", async () => {
    expect(changePasswordSchema.safeParse({ currentPassword: OLD, newPassword: "short" }).success).toBe(false);
    expect(changePasswordSchema.safeParse({ currentPassword: OLD, newPassword: "password1" }).success).toBe(false);
    const { principal } = await accountWithSessions(1);
    await expectAppError(changePassword(db, principal, meta, { currentPassword: OLD, newPassword: OLD }), "validation_failed");
  });

  it("answers conflict for an account without a password (single sign-on only)", async () => {
    const user = await db.user.create({ data: { email: `${uniq("sso")}@example.test`, name: "SSO" } });
    const session = await createSession(db, user.id);
    const principal = (await principalFromSession(db, session.id)) as SessionPrincipal;
    await expectAppError(changePassword(db, principal, meta, { currentPassword: "x", newPassword: NEW }), "conflict");
  });
});

describe("sessions", () => {
  it("lists the account's live sessions with the current one marked, never another account's", async () => {
    const { sessions, principal } = await accountWithSessions(3);
    const other = await accountWithSessions(1);
    await db.session.update({ where: { id: sessions[2].id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const list = await listSessions(db, principal);
    expect(list.map((s) => s.id).sort()).toEqual([sessions[0].id, sessions[1].id].sort());
    expect(list.find((s) => s.current)?.id).toBe(sessions[0].id);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.find((s) => s.id === sessions[1].id)).toMatchObject({ ip: "198.51.100.2", userAgent: "browser 1", current: false });
    expect(list.some((s) => s.id === other.sessions[0].id)).toBe(false);
  });

  it("revokes one session (audited) and refuses another account's session as not found", async () => {
    const { user, sessions, principal } = await accountWithSessions(2);
    const other = await accountWithSessions(1);
    await expectAppError(revokeSession(db, principal, meta, other.sessions[0].id), "not_found");
    expect(await principalFromSession(db, other.sessions[0].id)).not.toBeNull();

    expect(await revokeSession(db, principal, meta, sessions[1].id)).toEqual({ revoked: sessions[1].id, current: false });
    expect(await principalFromSession(db, sessions[1].id)).toBeNull();
    const [ev] = await instanceEvents("user.session_revoked", sessions[1].id);
    expect(ev).toMatchObject({ actorId: user.id, resourceType: "session", workspaceId: null });
    await expectAppError(revokeSession(db, principal, meta, sessions[1].id), "not_found");
  });

  it("signs out everywhere else in one audited step", async () => {
    const { user, sessions, principal } = await accountWithSessions(4);
    expect(await revokeOtherSessions(db, principal, meta)).toEqual({ revoked: 3 });
    expect((await db.session.findMany({ where: { userId: user.id } })).map((s) => s.id)).toEqual([sessions[0].id]);
    const events = await db.auditEvent.findMany({ where: { chain: INSTANCE_CHAIN, action: "user.sessions_revoked", actorId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0].metadata).toMatchObject({ count: 3 });
    expect(await revokeOtherSessions(db, principal, meta)).toEqual({ revoked: 0 });
  });
});

describe("profile and session-only guard", () => {
  it("changes the name with a before/after audit event", async () => {
    const { user, principal } = await accountWithSessions(1);
    const p = await updateProfile(db, principal, meta, { name: "New Name" });
    expect(p).toMatchObject({ id: user.id, name: "New Name", hasPassword: true });
    expect((await getProfile(db, user.id)).name).toBe("New Name");
    const [ev] = await instanceEvents("user.profile_updated", user.id);
    expect(ev.before).toEqual({ name: "Account Tester" });
    expect(ev.after).toEqual({ name: "New Name" });
  });

  it("refuses API tokens with a 403 that says why", () => {
    const token: Principal = { kind: "token", userId: "u", email: "e@x.test", name: "n", tokenId: "t", tokenName: "ci", workspaceId: null, scopes: ["admin"] };
    let caught: unknown;
    try {
      requireSessionPrincipal(token, "Changing the password");
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: "forbidden" });
    expect((caught as Error).message).toMatch(/API tokens cannot/);
  });
});

describe("describeUserAgent", () => {
  it("names common browsers and systems", async () => {
    const { describeUserAgent } = await import("@/lib/account/user-agent");
    expect(describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15").label).toBe("Safari on macOS");
    expect(describeUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36").label).toBe("Chrome on Linux");
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0").label).toBe("Edge on Windows");
    expect(describeUserAgent("Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0")).toMatchObject({ label: "Firefox on Android", mobile: true });
    expect(describeUserAgent("curl/8.5.0").label).toBe("curl");
    expect(describeUserAgent(null).label).toBe("Unknown device");
  });
});

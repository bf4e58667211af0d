import { afterEach, describe, expect, it } from "vitest";
import { principalFromToken } from "@/lib/auth/api-tokens";
import { createSession, principalFromSession } from "@/lib/auth/sessions";
import type { Principal } from "@/lib/auth/principal";
import { INSTANCE_CHAIN } from "@/lib/audit/record";
import { listAllUsers, listAllWorkspaces, setUserDisabled, adminListQuerySchema } from "@/lib/instance/admin";
import { firstUserId, instanceAdminEmails, isInstanceAdmin, requireInstanceAdmin } from "@/lib/instance/is-instance-admin";
import { makeToken, makeUser, makeWorkspace, testDb } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";

const db = testDb();
const meta = { ip: "192.0.2.10", userAgent: "vitest admin" };
const saved = process.env.STUDIO_ADMIN_EMAILS;
afterEach(() => {
  if (saved === undefined) delete process.env.STUDIO_ADMIN_EMAILS;
  else process.env.STUDIO_ADMIN_EMAILS = saved;
});

const asUser = (u: { id: string; email: string }): Principal => ({ kind: "user", userId: u.id, email: u.email, name: "x", sessionId: "s" });

/** The first account of this (shared) test database: an instance admin whatever other files created. */
async function firstUser() {
  await makeUser("someone"); // make sure there is at least one
  const first = await db.user.findFirstOrThrow({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return first;
}

describe("who is an instance admin", () => {
  it("parses STUDIO_ADMIN_EMAILS: comma-separated, trimmed, case-insensitive, empty entries ignored", () => {
    expect([...instanceAdminEmails(" Ops@Example.test, ,second@example.TEST,")]).toEqual(["ops@example.test", "second@example.test"]);
    expect(instanceAdminEmails(undefined).size).toBe(0);
    expect(instanceAdminEmails("").size).toBe(0);
  });

  it("the first account ever created is an admin; a later one is not", async () => {
    delete process.env.STUDIO_ADMIN_EMAILS;
    const first = await firstUser();
    const later = await makeUser("later");
    expect(await firstUserId(db)).toBe(first.id);
    expect(await isInstanceAdmin(db, { userId: first.id, email: first.email })).toBe(true);
    expect(await isInstanceAdmin(db, { userId: later.id, email: later.email })).toBe(false);
  });

  it("anyone listed in STUDIO_ADMIN_EMAILS is an admin, whatever the case of the address", async () => {
    const u = await makeUser("listed");
    process.env.STUDIO_ADMIN_EMAILS = `nobody@example.test, ${u.email.toUpperCase()}`;
    expect(await isInstanceAdmin(db, { userId: u.id, email: u.email })).toBe(true);
    process.env.STUDIO_ADMIN_EMAILS = "nobody@example.test";
    expect(await isInstanceAdmin(db, { userId: u.id, email: u.email })).toBe(false);
  });

  it("requireInstanceAdmin: not_found for others and for workspace-bound tokens; a personal token needs admin to change", async () => {
    delete process.env.STUDIO_ADMIN_EMAILS;
    const first = await firstUser();
    const later = await makeUser("later");
    await requireInstanceAdmin(db, asUser(first));
    await expectAppError(requireInstanceAdmin(db, asUser(later)), "not_found");
    const req = new Request("http://localhost/api/v1/admin/users");
    const err = await expectAppError(requireInstanceAdmin(db, asUser(later), { req }), "not_found");
    expect(err.message).toBe("No API endpoint GET /api/v1/admin/users. See /api/v1/openapi.json.");
    const token = (scopes: string[], workspaceId: string | null): Principal => ({ kind: "token", userId: first.id, email: first.email, name: "x", tokenId: "t", tokenName: "t", workspaceId, scopes });
    await requireInstanceAdmin(db, token(["read"], null));
    await expectAppError(requireInstanceAdmin(db, token(["read"], null), { need: "write" }), "forbidden");
    await requireInstanceAdmin(db, token(["admin"], null), { need: "write" });
    await expectAppError(requireInstanceAdmin(db, token(["read", "admin"], "ws_1")), "not_found");
  });
});

describe("disable and enable an account", () => {
  it("disabling ends every session, refuses its tokens, and is audited on the instance chain; enabling lets it back", async () => {
    const admin = await firstUser();
    const { ws, members } = await makeWorkspace(["editor"]);
    const victim = members.editor;
    const s1 = await createSession(db, victim.id);
    const s2 = await createSession(db, victim.id);
    const { secret } = await makeToken(victim.id, { workspaceId: ws.id, scopes: ["read"] });
    expect(await principalFromToken(db, secret)).toMatchObject({ userId: victim.id });

    const out = await setUserDisabled(db, asUser(admin), meta, victim.id, true);
    expect(out).toMatchObject({ changed: true, sessionsEnded: 2, user: { id: victim.id } });
    expect(out.user.disabledAt).not.toBeNull();
    expect(await db.session.count({ where: { userId: victim.id } })).toBe(0);
    expect(await principalFromSession(db, s1.id)).toBeNull();
    expect(await principalFromSession(db, s2.id)).toBeNull();
    const tokenErr = await expectAppError(principalFromToken(db, secret), "unauthenticated");
    expect(tokenErr.message).toMatch(/disabled/);
    // a session opened afterwards (say, by a sign-in that raced the change) does not resolve either
    const late = await createSession(db, victim.id);
    expect(await principalFromSession(db, late.id)).toBeNull();

    const [disabledEv] = await db.auditEvent.findMany({ where: { chain: INSTANCE_CHAIN, action: "user.disabled", resourceId: victim.id } });
    expect(disabledEv).toMatchObject({ workspaceId: null, actorId: admin.id, resourceType: "user" });
    expect(disabledEv.metadata).toEqual({ sessionsEnded: 2 });

    // idempotent: the same state again records nothing
    expect((await setUserDisabled(db, asUser(admin), meta, victim.id, true)).changed).toBe(false);
    expect(await db.auditEvent.count({ where: { chain: INSTANCE_CHAIN, action: "user.disabled", resourceId: victim.id } })).toBe(1);

    const back = await setUserDisabled(db, asUser(admin), meta, victim.id, false);
    expect(back).toMatchObject({ changed: true, user: { disabledAt: null } });
    expect(await principalFromToken(db, secret)).toMatchObject({ userId: victim.id });
    expect(await db.auditEvent.count({ where: { chain: INSTANCE_CHAIN, action: "user.enabled", resourceId: victim.id } })).toBe(1);
  });

  it("an admin cannot disable their own account; an unknown user is not found", async () => {
    const admin = await firstUser();
    await expectAppError(setUserDisabled(db, asUser(admin), meta, admin.id, true), "conflict");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).disabledAt).toBeNull();
    await expectAppError(setUserDisabled(db, asUser(admin), meta, "no_such_user", true), "not_found");
  });
});

describe("admin lists", () => {
  it("lists users oldest first with the admin flag, and pages with a cursor", async () => {
    delete process.env.STUDIO_ADMIN_EMAILS;
    const first = await firstUser();
    const all = await listAllUsers(db, adminListQuerySchema.parse({ limit: 500 }));
    expect(all.users[0]).toMatchObject({ id: first.id, instanceAdmin: true });
    expect(all.users.slice(1).every((u) => !u.instanceAdmin)).toBe(true);
    const p1 = await listAllUsers(db, adminListQuerySchema.parse({ limit: 2 }));
    const p2 = await listAllUsers(db, adminListQuerySchema.parse({ limit: 2, cursor: p1.nextCursor! }));
    expect([...p1.users, ...p2.users].map((u) => u.id)).toEqual(all.users.slice(0, 4).map((u) => u.id));
    const u = await makeUser("findme");
    const found = await listAllUsers(db, adminListQuerySchema.parse({ q: u.email.slice(0, 12) }));
    expect(found.users.map((x) => x.id)).toContain(u.id);
    // LIKE wildcards in the search match literally, not everything
    expect((await listAllUsers(db, adminListQuerySchema.parse({ q: "%" }))).users).toEqual([]);
    expect((await listAllUsers(db, adminListQuerySchema.parse({ q: "_" }))).total).toBe(0);
  });

  it("lists workspaces with member and run counts", async () => {
    const { ws } = await makeWorkspace(["viewer", "editor"]);
    const found = await listAllWorkspaces(db, adminListQuerySchema.parse({ q: ws.slug }));
    expect(found.workspaces).toEqual([expect.objectContaining({ id: ws.id, slug: ws.slug, members: 3, runs: 0, specs: 0 })]);
    expect(found.total).toBe(1);
  });
});

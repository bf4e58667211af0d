import { beforeAll, describe, expect, it } from "vitest";
import { authorize } from "@/lib/rbac/authorize";
import { ROLE_SCOPES, ROLES, SCOPES, TOKEN_SCOPE_GRANTS, type Scope } from "@/lib/rbac/permissions";
import { principalFromToken } from "@/lib/auth/api-tokens";
import { createSession, deleteSession, principalFromSession } from "@/lib/auth/sessions";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { SYSTEM_ACTOR } from "@/lib/audit/actor";
import type { Principal } from "@/lib/auth/principal";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { makeToken, makeUser, makeWorkspace, sessionPrincipal, testDb, uniq } from "@/tests/helpers/db";
import { expectAppError } from "@/tests/helpers/errors";

const db = testDb();
const meta = { ip: "198.51.100.23", userAgent: "vitest authorize" };

type Fixture = Awaited<ReturnType<typeof makeWorkspace>>;
let fx: Fixture;
const principals = {} as Record<Role, Principal>;

beforeAll(async () => {
  fx = await makeWorkspace(["admin", "editor", "reviewer", "viewer"]);
  for (const role of ROLES) principals[role] = await sessionPrincipal(fx.members[role].id);
});

/** authorize() reduced to an outcome: "allowed" or the AppError code. */
async function outcome(args: Parameters<typeof authorize>[1]): Promise<string> {
  try {
    await authorize(db, args);
    return "allowed";
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe("authorize: every role × every scope", () => {
  describe.each(ROLES)("%s", (role) => {
    it.each(SCOPES)(`%s`, async (scope) => {
      const allowed = ROLE_SCOPES[role].has(scope);
      const call = authorize(db, { principal: principals[role], meta, scope, workspaceId: fx.ws.id });
      if (allowed) {
        const access = await call;
        expect(access.role).toBe(role);
        expect(access.workspace).toEqual({ id: fx.ws.id, slug: fx.ws.slug, name: fx.ws.name });
        expect(access.actor).toEqual({ type: "user", id: fx.members[role].id, label: fx.members[role].email, ...meta });
      } else {
        const err = await expectAppError(call, "forbidden");
        expect(err.status).toBe(403);
        expect(err.message).toBe(`Your role in this workspace (${role}) does not allow ${scope}.`);
        expect(err.details).toEqual({ role, required: scope });
      }
    });
  });

  it("gives the same answers by slug as by id", async () => {
    const mismatches: string[] = [];
    for (const role of ROLES) {
      for (const scope of SCOPES) {
        const got = await outcome({ principal: principals[role], meta, scope, slug: fx.ws.slug });
        const want = ROLE_SCOPES[role].has(scope) ? "allowed" : "forbidden";
        if (got !== want) mismatches.push(`${role} ${scope}: ${got}, expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("records when a member was last active", async () => {
    const { ws, members } = await makeWorkspace(["viewer"]);
    const principal = await sessionPrincipal(members.viewer.id);
    const key = { workspaceId_userId: { workspaceId: ws.id, userId: members.viewer.id } };
    expect((await db.membership.findUniqueOrThrow({ where: key })).lastActiveAt).toBeNull();
    const t0 = Date.now();
    await authorize(db, { principal, meta, scope: "spec:read", workspaceId: ws.id });
    const { lastActiveAt } = await db.membership.findUniqueOrThrow({ where: key });
    expect(lastActiveAt!.getTime()).toBeGreaterThanOrEqual(t0 - 1000);
  });
});

describe("authorize: who may know a workspace exists", () => {
  it("rejects a missing principal as unauthenticated", async () => {
    const err = await expectAppError(authorize(db, { principal: null, meta, scope: "workspace:read", workspaceId: fx.ws.id }), "unauthenticated");
    expect(err.status).toBe(401);
  });

  it("tells a signed-in non-member not_found (never forbidden) for every scope, by id and by slug", async () => {
    const stranger = await sessionPrincipal((await makeUser("stranger")).id);
    const outcomes = new Set<string>();
    for (const scope of SCOPES) {
      outcomes.add(await outcome({ principal: stranger, meta, scope, workspaceId: fx.ws.id }));
      outcomes.add(await outcome({ principal: stranger, meta, scope, slug: fx.ws.slug }));
    }
    expect([...outcomes]).toEqual(["not_found"]);
  });

  it("answers a non-member exactly as it answers a workspace that does not exist", async () => {
    const stranger = await sessionPrincipal((await makeUser("stranger")).id);
    const missing = uniq("no-such-ws");
    const bySlug = await expectAppError(authorize(db, { principal: stranger, meta, scope: "spec:read", slug: fx.ws.slug }), "not_found");
    const unknownSlug = await expectAppError(authorize(db, { principal: stranger, meta, scope: "spec:read", slug: missing }), "not_found");
    expect(bySlug.message).toBe(`Workspace \`${fx.ws.slug}\` was not found.`);
    expect(unknownSlug.message).toBe(`Workspace \`${missing}\` was not found.`);
    const byId = await expectAppError(authorize(db, { principal: stranger, meta, scope: "spec:read", workspaceId: fx.ws.id }), "not_found");
    const unknownId = await expectAppError(authorize(db, { principal: stranger, meta, scope: "spec:read", workspaceId: "c_no_such_id" }), "not_found");
    expect(byId.message).toBe(unknownId.message);
    expect(byId.status).toBe(404);
  });

  it("tells even an owner not_found for an unknown slug", async () => {
    const err = await expectAppError(authorize(db, { principal: principals.owner, meta, scope: "workspace:read", slug: "does-not-exist-xyz" }), "not_found");
    expect(err.message).toBe("Workspace `does-not-exist-xyz` was not found.");
  });

  it("keeps a member of workspace A out of workspace B, by id and by slug", async () => {
    const b = await makeWorkspace();
    const outcomes = new Set<string>();
    for (const role of ROLES) {
      for (const scope of SCOPES) {
        outcomes.add(await outcome({ principal: principals[role], meta, scope, workspaceId: b.ws.id }));
        outcomes.add(await outcome({ principal: principals[role], meta, scope, slug: b.ws.slug }));
      }
    }
    expect([...outcomes]).toEqual(["not_found"]);
    // and B's owner is not let into A
    const bOwner = await sessionPrincipal(b.owner.id);
    await expectAppError(authorize(db, { principal: bOwner, meta, scope: "workspace:read", workspaceId: fx.ws.id }), "not_found");
  });
});

describe("authorize: roles are read from the database on every call", () => {
  it("applies a changed role at the next call, and a removed membership at once", async () => {
    const { ws, members } = await makeWorkspace(["viewer"]);
    const principal = await sessionPrincipal(members.viewer.id);
    const where = { workspaceId_userId: { workspaceId: ws.id, userId: members.viewer.id } };
    const check = (scope: Scope) => outcome({ principal, meta, scope, workspaceId: ws.id });

    expect(await check("spec:read")).toBe("allowed");
    expect(await check("spec:write")).toBe("forbidden");

    await db.membership.update({ where, data: { role: "editor" } });
    expect(await check("spec:write")).toBe("allowed");
    expect(await check("member:invite")).toBe("forbidden");

    await db.membership.update({ where, data: { role: "owner" } });
    expect(await check("workspace:delete")).toBe("allowed");

    await db.membership.update({ where, data: { role: "viewer" } });
    expect(await check("workspace:delete")).toBe("forbidden");
    expect(await check("spec:write")).toBe("forbidden");

    await db.membership.delete({ where });
    expect(await check("spec:read")).toBe("not_found");
  });
});

describe("authorize: API tokens", () => {
  const tokenPrincipal = async (userId: string, opts: Parameters<typeof makeToken>[1]) =>
    principalFromToken(db, (await makeToken(userId, opts)).secret);

  it("keeps a workspace token inside its workspace even when its owner belongs to another", async () => {
    const { ws: a, owner } = await makeWorkspace();
    const b = await createWorkspace(db, { userId: owner.id, actor: SYSTEM_ACTOR, input: { name: "Second", slug: uniq("second") } });
    const token = await tokenPrincipal(owner.id, { workspaceId: a.id, scopes: ["read", "write", "run", "admin"] });
    expect(await outcome({ principal: token, meta, scope: "spec:read", workspaceId: a.id })).toBe("allowed");
    // the owner's session reaches B, the token bound to A does not
    expect(await outcome({ principal: await sessionPrincipal(owner.id), meta, scope: "spec:read", workspaceId: b.id })).toBe("allowed");
    const outcomes = new Set<string>();
    for (const scope of SCOPES) {
      outcomes.add(await outcome({ principal: token, meta, scope, workspaceId: b.id }));
      outcomes.add(await outcome({ principal: token, meta, scope, slug: b.slug }));
    }
    expect([...outcomes]).toEqual(["not_found"]);
  });

  it("lets a personal token reach each of its owner's workspaces, and no other", async () => {
    const { ws: a, owner } = await makeWorkspace();
    const b = await createWorkspace(db, { userId: owner.id, actor: SYSTEM_ACTOR, input: { name: "Second", slug: uniq("second") } });
    const other = await makeWorkspace();
    const token = await tokenPrincipal(owner.id, { workspaceId: null, scopes: ["read"] });
    expect(await outcome({ principal: token, meta, scope: "spec:read", workspaceId: a.id })).toBe("allowed");
    expect(await outcome({ principal: token, meta, scope: "spec:read", workspaceId: b.id })).toBe("allowed");
    expect(await outcome({ principal: token, meta, scope: "spec:read", workspaceId: other.ws.id })).toBe("not_found");
  });

  it("limits a token to its scopes: a read token of an owner cannot write", async () => {
    const { ws, owner } = await makeWorkspace();
    const token = await tokenPrincipal(owner.id, { workspaceId: ws.id, scopes: ["read"] });
    const access = await authorize(db, { principal: token, meta, scope: "spec:read", workspaceId: ws.id });
    expect(access.role).toBe("owner");
    expect(access.actor).toMatchObject({ type: "token", id: token.kind === "token" ? token.tokenId : "", ...meta });
    const err = await expectAppError(authorize(db, { principal: token, meta, scope: "spec:write", workspaceId: ws.id }), "forbidden");
    expect(err.message).toBe("This API token's scopes (read) do not allow spec:write.");
    expect(err.details).toEqual({ scopes: ["read"], required: "spec:write" });
  });

  it("never lets a token exceed its owner's role: a viewer's admin token cannot invite", async () => {
    const { ws, members } = await makeWorkspace(["viewer"]);
    const token = await tokenPrincipal(members.viewer.id, { workspaceId: ws.id, scopes: ["read", "write", "run", "admin"] });
    const err = await expectAppError(authorize(db, { principal: token, meta, scope: "member:invite", workspaceId: ws.id }), "forbidden");
    expect(err.message).toBe("Your role in this workspace (viewer) does not allow member:invite.");
    expect(await outcome({ principal: token, meta, scope: "spec:write", workspaceId: ws.id })).toBe("forbidden");
  });

  it("grants nothing for an empty or unknown token scope", async () => {
    const { ws, owner } = await makeWorkspace();
    const none = await tokenPrincipal(owner.id, { workspaceId: ws.id, scopes: [] });
    const bogus = await tokenPrincipal(owner.id, { workspaceId: ws.id, scopes: ["superuser", "*", "READ", "constructor", "__proto__", "toString"] });
    for (const scope of SCOPES) {
      expect(await outcome({ principal: none, meta, scope, workspaceId: ws.id })).toBe("forbidden");
      expect(await outcome({ principal: bogus, meta, scope, workspaceId: ws.id })).toBe("forbidden");
    }
    const err = await expectAppError(authorize(db, { principal: none, meta, scope: "spec:read", workspaceId: ws.id }), "forbidden");
    expect(err.message).toBe("This API token's scopes (none) do not allow spec:read.");
  });

  describe.each(ROLES)("a %s's token allows exactly its scopes ∩ the role", (role) => {
    it.each([["read"], ["write"], ["run"], ["admin"], ["read", "run"], ["read", "write", "run", "admin"]])("scopes %j", async (...tokenScopes) => {
      const { ws, owner, members } = role === "owner" ? await makeWorkspace() : await makeWorkspace([role]);
      const user = role === "owner" ? owner : members[role];
      const token = await tokenPrincipal(user.id, { workspaceId: ws.id, scopes: tokenScopes });
      const mismatches: string[] = [];
      for (const scope of SCOPES) {
        const byRole = ROLE_SCOPES[role].has(scope);
        const byToken = tokenScopes.some((t) => (TOKEN_SCOPE_GRANTS[t as keyof typeof TOKEN_SCOPE_GRANTS] as readonly string[]).includes(scope));
        const want = byRole && byToken ? "allowed" : "forbidden";
        const got = await outcome({ principal: token, meta, scope, workspaceId: ws.id });
        if (got !== want) mismatches.push(`${scope}: ${got}, expected ${want}`);
      }
      expect(mismatches).toEqual([]);
    });
  });
});

describe("principalFromToken", () => {
  it("resolves a valid token to its owner and records its use", async () => {
    const { ws, owner } = await makeWorkspace();
    const { secret, token } = await makeToken(owner.id, { workspaceId: ws.id, scopes: ["read", "run"], expiresAt: new Date(Date.now() + 3600_000) });
    expect(await principalFromToken(db, secret)).toEqual({
      kind: "token",
      userId: owner.id,
      email: owner.email,
      name: "owner",
      tokenId: token.id,
      tokenName: token.name,
      workspaceId: ws.id,
      scopes: ["read", "run"],
    });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toBeInstanceOf(Date);
  });

  it("rejects a revoked token with a clear message", async () => {
    const u = await makeUser();
    const { secret } = await makeToken(u.id, { revokedAt: new Date() });
    const err = await expectAppError(principalFromToken(db, secret), "unauthenticated");
    expect(err.status).toBe(401);
    expect(err.message).toBe("The API token was revoked. Create a new one in Settings → API tokens.");
  });

  it("rejects a token as soon as it is revoked", async () => {
    const u = await makeUser();
    const { secret, token } = await makeToken(u.id);
    await principalFromToken(db, secret);
    await db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    expect((await expectAppError(principalFromToken(db, secret), "unauthenticated")).message).toMatch(/revoked/);
  });

  it("rejects an expired token, saying when it expired", async () => {
    const u = await makeUser();
    const expiresAt = new Date(Date.now() - 60_000);
    const { secret } = await makeToken(u.id, { expiresAt });
    const err = await expectAppError(principalFromToken(db, secret), "unauthenticated");
    expect(err.message).toBe(`The API token expired on ${expiresAt.toISOString()}. Create a new one.`);
  });

  it("rejects unknown secrets, strings that are not studio tokens, and tokens of disabled accounts", async () => {
    expect((await expectAppError(principalFromToken(db, "sst_" + "A".repeat(43)), "unauthenticated")).message).toBe("The API token is not valid.");
    expect((await expectAppError(principalFromToken(db, "ghp_something"), "unauthenticated")).message).toMatch(/start with sst_/);
    const u = await makeUser();
    const { secret } = await makeToken(u.id);
    await db.user.update({ where: { id: u.id }, data: { disabledAt: new Date() } });
    expect((await expectAppError(principalFromToken(db, secret), "unauthenticated")).message).toMatch(/disabled/);
  });

  it("does not accept the stored hash in place of the secret", async () => {
    const u = await makeUser();
    const { token } = await makeToken(u.id);
    await expectAppError(principalFromToken(db, token.tokenHash), "unauthenticated");
    await expectAppError(principalFromToken(db, `sst_${token.tokenHash}`), "unauthenticated");
  });
});

describe("principalFromSession", () => {
  it("resolves a live session to its user", async () => {
    const u = await makeUser("sess");
    const s = await createSession(db, u.id, { ip: "192.0.2.1", userAgent: "ua" });
    expect(await principalFromSession(db, s.id)).toEqual({ kind: "user", userId: u.id, email: u.email, name: "sess", sessionId: s.id });
  });

  it("returns null once the session row is deleted", async () => {
    const u = await makeUser();
    const s = await createSession(db, u.id);
    expect(await principalFromSession(db, s.id)).not.toBeNull();
    await db.session.delete({ where: { id: s.id } });
    expect(await principalFromSession(db, s.id)).toBeNull();
  });

  it("returns null after sign-out, expiry, or when the user is disabled", async () => {
    const u = await makeUser();
    const signedOut = await createSession(db, u.id);
    await deleteSession(db, signedOut.id);
    expect(await principalFromSession(db, signedOut.id)).toBeNull();

    const expired = await createSession(db, u.id);
    await db.session.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await principalFromSession(db, expired.id)).toBeNull();

    const live = await createSession(db, u.id);
    await db.user.update({ where: { id: u.id }, data: { disabledAt: new Date() } });
    expect(await principalFromSession(db, live.id)).toBeNull();

    expect(await principalFromSession(db, "no-such-session")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { initFromEnv } from "@/lib/setup/init-from-env";
import { parseEnv } from "@/lib/env";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { generateTokenSecret, hashToken } from "@/lib/auth/tokens";
import { principalFromToken } from "@/lib/auth/api-tokens";
import { authorize } from "@/lib/rbac/authorize";
import { TOKEN_SCOPES } from "@/lib/rbac/permissions";
import { verifyAuditChains } from "@/lib/audit/verify";
import { makeWorkspace, testDb, testPool, uniq } from "@/tests/helpers/db";

const db = testDb();
const pool = testPool();
const PASSWORD = "init owner passphrase";

const env = (vars: Record<string, string | undefined>) => parseEnv(vars);

async function counts() {
  return {
    users: await db.user.count(),
    workspaces: await db.workspace.count(),
    memberships: await db.membership.count(),
    tokens: await db.apiToken.count(),
    events: await db.auditEvent.count(),
  };
}

/** Every api_tokens (and audit_events) row as text: the secret must appear in none of them. */
async function tableText(table: "api_tokens" | "audit_events") {
  const { rows } = await pool.query<{ t: string }>(`SELECT coalesce(string_agg(row_to_json(x)::text, E'\\n'), '') AS t FROM ${table} x`);
  return rows[0].t;
}

describe("initFromEnv", () => {
  it("does nothing without STUDIO_INIT_USER_EMAIL", async () => {
    const before = await counts();
    expect(await initFromEnv(db, env({}))).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("creates the owner, the workspace and a hashed API token, once", async () => {
    const local = uniq("init");
    const slug = uniq("init-ws");
    const secret = generateTokenSecret();
    const vars = { STUDIO_INIT_USER_EMAIL: `${local}@Example.TEST`, STUDIO_INIT_USER_PASSWORD: PASSWORD, STUDIO_INIT_WORKSPACE: slug, STUDIO_INIT_API_TOKEN: secret };
    const before = await counts();

    const created = await initFromEnv(db, env(vars));
    expect(created).toEqual([`user ${local.toLowerCase()}@example.test`, `workspace ${slug}`, `API token ${secret.slice(0, 10)}…`]);
    expect(await counts()).toEqual({
      users: before.users + 1,
      workspaces: before.workspaces + 1,
      memberships: before.memberships + 1,
      tokens: before.tokens + 1,
      events: before.events + 3,
    });

    const user = await db.user.findUniqueOrThrow({ where: { email: `${local.toLowerCase()}@example.test` } });
    expect(user.name).toBe(local.toLowerCase());
    expect(await verifyPassword(user.passwordHash!, PASSWORD)).toBe(true);

    const ws = await db.workspace.findUniqueOrThrow({ where: { slug }, include: { memberships: true } });
    expect(ws.memberships.map((m) => [m.userId, m.role])).toEqual([[user.id, "owner"]]);

    const token = await db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(secret) } });
    expect(token).toMatchObject({ userId: user.id, workspaceId: ws.id, name: "STUDIO_INIT_API_TOKEN", prefix: secret.slice(0, 10), scopes: [...TOKEN_SCOPES] });
    expect(token.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    // the secret itself is stored nowhere: not in api_tokens, not in the audit trail
    expect(await tableText("api_tokens")).not.toContain(secret);
    expect(await tableText("audit_events")).not.toContain(secret);

    // the token works, as the owner, in that workspace
    const principal = await principalFromToken(db, secret);
    const access = await authorize(db, { principal, meta: { ip: null, userAgent: null }, scope: "workspace:delete", slug });
    expect(access.role).toBe("owner");

    const events = await db.auditEvent.findMany({ where: { OR: [{ resourceId: user.id }, { workspaceId: ws.id }] }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.chain, e.action, e.actorType])).toEqual([
      ["instance", "user.created", "system"],
      [ws.id, "workspace.created", "system"],
      [ws.id, "token.created", "system"],
    ]);
    expect((await verifyAuditChains(pool, { chain: ws.id })).ok).toBe(true);

    // a second start with the same settings changes nothing
    const after = await counts();
    const userBefore = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await initFromEnv(db, env(vars))).toEqual([]);
    expect(await counts()).toEqual(after);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(userBefore);
  });

  it("keeps an existing user's password and only adds what is missing", async () => {
    const email = `${uniq("existing")}@example.test`;
    const originalHash = await hashPassword("the original password");
    const existing = await db.user.create({ data: { email, name: "Existing", passwordHash: originalHash } });
    const slug = uniq("exist-ws");
    const before = await counts();

    const created = await initFromEnv(db, env({ STUDIO_INIT_USER_EMAIL: email.toUpperCase(), STUDIO_INIT_USER_PASSWORD: "a different passphrase", STUDIO_INIT_WORKSPACE: slug }));
    expect(created).toEqual([`workspace ${slug}`]);
    const user = await db.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(user.passwordHash).toBe(originalHash);
    expect(user.name).toBe("Existing");
    expect(await verifyPassword(user.passwordHash!, "the original password")).toBe(true);
    expect(await counts()).toEqual({ ...before, workspaces: before.workspaces + 1, memberships: before.memberships + 1, events: before.events + 1 });
    expect(await db.membership.findFirst({ where: { userId: existing.id, workspace: { slug } } })).toMatchObject({ role: "owner" });
  });

  it("does not need a password for an existing user", async () => {
    const u = await db.user.create({ data: { email: `${uniq("nopw")}@example.test`, name: "No Pw" } });
    expect(await initFromEnv(db, env({ STUDIO_INIT_USER_EMAIL: u.email }))).toEqual([]);
  });

  it.each([
    ["weak", "short", "STUDIO_INIT_USER_PASSWORD: Use at least 10 characters."],
    ["common", "1234567890", "STUDIO_INIT_USER_PASSWORD: This password is too common; choose another."],
    ["missing", undefined, "STUDIO_INIT_USER_PASSWORD: Use at least 10 characters."],
  ])("refuses a %s STUDIO_INIT_USER_PASSWORD for a new user, with a clear error and nothing written", async (_label, password, message) => {
    const email = `${uniq("weak")}@example.test`;
    const before = await counts();
    await expect(initFromEnv(db, env({ STUDIO_INIT_USER_EMAIL: email, STUDIO_INIT_USER_PASSWORD: password, STUDIO_INIT_WORKSPACE: uniq("weak-ws") }))).rejects.toThrow(message);
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("refuses an API token that is not an sst_ token, and rolls back the user and workspace with it", async () => {
    const email = `${uniq("badtok")}@example.test`;
    const slug = uniq("badtok-ws");
    const before = await counts();
    await expect(
      initFromEnv(db, env({ STUDIO_INIT_USER_EMAIL: email, STUDIO_INIT_USER_PASSWORD: PASSWORD, STUDIO_INIT_WORKSPACE: slug, STUDIO_INIT_API_TOKEN: "ghp_" + "x".repeat(40) })),
    ).rejects.toThrow("STUDIO_INIT_API_TOKEN must start with sst_");
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect(await db.workspace.findUnique({ where: { slug } })).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("refuses to bind a token to an existing workspace the user is not a member of", async () => {
    const { ws } = await makeWorkspace(); // someone else's workspace
    const email = `${uniq("outsider")}@example.test`;
    const before = await counts();
    await expect(
      initFromEnv(db, env({ STUDIO_INIT_USER_EMAIL: email, STUDIO_INIT_USER_PASSWORD: PASSWORD, STUDIO_INIT_WORKSPACE: ws.slug, STUDIO_INIT_API_TOKEN: generateTokenSecret() })),
    ).rejects.toThrow(`STUDIO_INIT_API_TOKEN: the workspace \`${ws.slug}\` already exists and ${email} is not a member of it`);
    expect(await counts()).toEqual(before);
    // without a token to create there is nothing to refuse: the workspace is left as it is
    expect(await initFromEnv(db, env({ STUDIO_INIT_USER_EMAIL: email, STUDIO_INIT_USER_PASSWORD: PASSWORD, STUDIO_INIT_WORKSPACE: ws.slug }))).toEqual([`user ${email}`]);
    expect(await db.membership.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("adds a token to an existing workspace the user already belongs to", async () => {
    const { ws, owner } = await makeWorkspace();
    const secret = generateTokenSecret();
    expect(await initFromEnv(db, env({ STUDIO_INIT_USER_EMAIL: owner.email, STUDIO_INIT_WORKSPACE: ws.slug, STUDIO_INIT_API_TOKEN: secret }))).toEqual([
      `API token ${secret.slice(0, 10)}…`,
    ]);
    expect(await principalFromToken(db, secret)).toMatchObject({ kind: "token", userId: owner.id, workspaceId: ws.id });
  });
});

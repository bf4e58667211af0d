import { inject } from "vitest";
import { getDb, getPool } from "@/lib/db";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { SYSTEM_ACTOR } from "@/lib/audit/actor";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Principal } from "@/lib/auth/principal";
import { createSession, principalFromSession } from "@/lib/auth/sessions";
import { generateTokenSecret, hashToken, tokenDisplayPrefix } from "@/lib/auth/tokens";

/** The test database (see tests/global-setup.ts), through the same getDb() the product uses. */
export function testDb() {
  process.env.DATABASE_URL = inject("databaseUrl");
  if (process.env.TEST_DB === "pglite") process.env.STUDIO_EMBEDDED = "1";
  return getDb();
}

export function testPool() {
  testDb();
  return getPool();
}

let n = 0;
/** A unique suffix so tests never collide on unique columns. */
export const uniq = (p = "t") => `${p}${Date.now().toString(36)}${(n++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function makeUser(name = "user") {
  const db = testDb();
  return db.user.create({ data: { email: `${uniq(name)}@example.test`, name } });
}

/** A workspace with an owner and one member per requested role. */
export async function makeWorkspace(roles: Role[] = []) {
  const db = testDb();
  const owner = await makeUser("owner");
  const ws = await createWorkspace(db, { userId: owner.id, actor: SYSTEM_ACTOR, input: { name: uniq("ws"), slug: uniq("ws") } });
  const members: Record<string, { id: string; email: string }> = { owner };
  for (const role of roles) {
    const u = await makeUser(role);
    await db.membership.create({ data: { workspaceId: ws.id, userId: u.id, role } });
    members[role] = u;
  }
  return { ws, owner, members };
}

/** A real API token row for `userId`; returns the secret (only its hash is stored) and the row. */
export async function makeToken(
  userId: string,
  opts: { workspaceId?: string | null; scopes?: string[]; expiresAt?: Date | null; revokedAt?: Date | null } = {},
) {
  const db = testDb();
  const secret = generateTokenSecret();
  const token = await db.apiToken.create({
    data: {
      userId,
      workspaceId: opts.workspaceId ?? null,
      name: uniq("token"),
      prefix: tokenDisplayPrefix(secret),
      tokenHash: hashToken(secret),
      scopes: opts.scopes ?? ["read"],
      expiresAt: opts.expiresAt ?? null,
      revokedAt: opts.revokedAt ?? null,
    },
  });
  return { secret, token };
}

/** A signed-in principal for `userId`, through a real session row. */
export async function sessionPrincipal(userId: string): Promise<Principal> {
  const db = testDb();
  const session = await createSession(db, userId);
  const principal = await principalFromSession(db, session.id);
  if (!principal) throw new Error(`session ${session.id} did not resolve`);
  return principal;
}

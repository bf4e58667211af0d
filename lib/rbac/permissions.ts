import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Every action in the product, as `resource:verb`. docs/permissions.md shows the same matrix as a table;
 * lib/rbac/permissions.test.ts keeps the two in step.
 */
export const SCOPES = [
  "workspace:read",
  "workspace:update",
  "workspace:delete",
  "spec:read",
  "spec:write",
  "spec:archive",
  "run:read",
  "run:trigger",
  "run:cancel",
  "review:read",
  "review:comment",
  "review:decide",
  "export:download",
  "audit:read",
  "audit:verify",
  "member:read",
  "member:invite",
  "member:update",
  "member:remove",
  "token:read",
  "token:create",
  "token:revoke",
  "provider:read",
  "provider:update",
  "settings:read",
  "settings:update",
  "limits:update",
] as const;

export type Scope = (typeof SCOPES)[number];

export const ROLES = ["owner", "admin", "editor", "reviewer", "viewer"] as const satisfies readonly Role[];

/** Higher number, more power. Nobody may grant a role above their own. */
export const ROLE_RANK: Record<Role, number> = { owner: 5, admin: 4, editor: 3, reviewer: 2, viewer: 1 };

const VIEWER: Scope[] = ["workspace:read", "spec:read", "run:read", "review:read", "member:read", "audit:read"];
const REVIEWER: Scope[] = [...VIEWER, "review:comment", "review:decide", "export:download"];
const EDITOR: Scope[] = [
  ...REVIEWER,
  "spec:write",
  "spec:archive",
  "run:trigger",
  "run:cancel",
  "token:read",
  "token:create",
  "token:revoke",
  "provider:read",
  "settings:read",
];
const ADMIN: Scope[] = [
  ...EDITOR,
  "workspace:update",
  "audit:verify",
  "member:invite",
  "member:update",
  "member:remove",
  "provider:update",
  "settings:update",
  "limits:update",
];
const OWNER: Scope[] = [...ADMIN, "workspace:delete"];

export const ROLE_SCOPES: Record<Role, ReadonlySet<Scope>> = {
  owner: new Set(OWNER),
  admin: new Set(ADMIN),
  editor: new Set(EDITOR),
  reviewer: new Set(REVIEWER),
  viewer: new Set(VIEWER),
};

/** What an API token's coarse scopes allow, intersected with its owner's role. */
export const TOKEN_SCOPE_GRANTS = {
  read: SCOPES.filter((s) => /:(read)$/.test(s) || s === "export:download"),
  write: ["spec:write", "spec:archive", "review:comment", "review:decide"],
  run: ["run:trigger", "run:cancel"],
  admin: SCOPES.filter((s) => !/:(read)$/.test(s)),
} satisfies Record<string, readonly Scope[]>;

export type TokenScope = keyof typeof TOKEN_SCOPE_GRANTS;
export const TOKEN_SCOPES = Object.keys(TOKEN_SCOPE_GRANTS) as TokenScope[];

export function roleCan(role: Role, scope: Scope): boolean {
  return ROLE_SCOPES[role].has(scope);
}

export function tokenScopesAllow(tokenScopes: readonly string[], scope: Scope): boolean {
  // Object.hasOwn: a stored scope such as "constructor" or "__proto__" must grant nothing, not reach Object.prototype.
  return tokenScopes.some((t) => Object.hasOwn(TOKEN_SCOPE_GRANTS, t) && (TOKEN_SCOPE_GRANTS[t as TokenScope] as readonly Scope[]).includes(scope));
}

export function canAssignRole(actorRole: Role, targetRole: Role): boolean {
  return ROLE_RANK[targetRole] <= ROLE_RANK[actorRole];
}

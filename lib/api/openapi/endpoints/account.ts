import { z } from "zod";
import type { Endpoint } from "@/lib/api/openapi/registry";
import { changePasswordSchema, profileViewSchema, sessionViewSchema, updateProfileSchema } from "@/lib/account/schemas";
import { adminListQuerySchema, adminUserViewSchema, adminWorkspaceViewSchema } from "@/lib/instance/admin";

const SESSION_ONLY = "Signed-in browser sessions only: an API token is refused with 403.";
const INSTANCE_ADMIN = "Instance administrators only (the first account and STUDIO_ADMIN_EMAILS); anyone else gets 404, as for an unknown path.";
const INSTANCE_ADMIN_WRITE = `${INSTANCE_ADMIN} An API token needs the \`admin\` scope.`;

const userChange = z.object({
  user: z.object({ id: z.string(), email: z.string(), disabledAt: z.string().nullable() }),
  changed: z.boolean().describe("false when the account already was in that state"),
  sessionsEnded: z.number().int(),
});

/** Your own account (profile, password, sessions) and the instance administration. */
export const accountEndpoints: Endpoint[] = [
  { method: "get", path: "/api/v1/me/profile", summary: "Your profile", tag: "account", response: z.object({ profile: profileViewSchema }) },
  { method: "patch", path: "/api/v1/me/profile", summary: "Change your display name", tag: "account", description: SESSION_ONLY, body: updateProfileSchema, response: z.object({ profile: profileViewSchema }) },
  {
    method: "post",
    path: "/api/v1/me/password",
    summary: "Change your password; every other session is signed out",
    tag: "account",
    description: `${SESSION_ONLY} Attempts count against the per-account sign-in limit (429 with Retry-After).`,
    body: changePasswordSchema,
    response: z.object({ otherSessionsSignedOut: z.number().int() }),
  },
  { method: "get", path: "/api/v1/me/sessions", summary: "Your signed-in sessions", tag: "account", description: SESSION_ONLY, response: z.object({ sessions: z.array(sessionViewSchema) }) },
  {
    method: "delete",
    path: "/api/v1/me/sessions",
    summary: "Sign out every session but this one",
    tag: "account",
    description: `${SESSION_ONLY} Requires \`?scope=others\` (400 without it).`,
    query: z.object({ scope: z.literal("others") }),
    response: z.object({ revoked: z.number().int() }),
  },
  {
    method: "delete",
    path: "/api/v1/me/sessions/{sessionId}",
    summary: "Sign one of your sessions out",
    tag: "account",
    description: SESSION_ONLY,
    response: z.object({ revoked: z.string(), current: z.boolean().describe("true when it was the session making this request") }),
  },
  {
    method: "get",
    path: "/api/v1/admin/users",
    summary: "Every account of the instance, oldest first",
    tag: "instance admin",
    description: INSTANCE_ADMIN,
    query: adminListQuerySchema,
    response: z.object({ users: z.array(adminUserViewSchema), total: z.number().int(), nextCursor: z.string().nullable() }),
  },
  { method: "post", path: "/api/v1/admin/users/{userId}/disable", summary: "Disable an account: its sessions end, sign-in and its tokens are refused", tag: "instance admin", description: INSTANCE_ADMIN_WRITE, response: userChange },
  { method: "post", path: "/api/v1/admin/users/{userId}/enable", summary: "Enable a disabled account again", tag: "instance admin", description: INSTANCE_ADMIN_WRITE, response: userChange },
  {
    method: "get",
    path: "/api/v1/admin/workspaces",
    summary: "Every workspace of the instance with member, spec and run counts",
    tag: "instance admin",
    description: INSTANCE_ADMIN,
    query: adminListQuerySchema,
    response: z.object({ workspaces: z.array(adminWorkspaceViewSchema), total: z.number().int(), nextCursor: z.string().nullable() }),
  },
];

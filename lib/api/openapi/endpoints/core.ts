import { z } from "zod";
import { auditEventSchema, auditListQuerySchema } from "@/lib/audit/queries";
import { createWorkspaceSchema, workspaceSchema } from "@/lib/workspaces/schemas";
import type { Endpoint } from "@/lib/api/openapi/registry";

const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });

/** System, account, workspace and audit endpoints. */
export const coreEndpoints: Endpoint[] = [
  {
    method: "get",
    path: "/api/health",
    summary: "Liveness, database kind and migration state",
    tag: "system",
    public: true,
    response: z.object({ status: z.literal("ok"), database: z.enum(["embedded", "postgres"]), migrations: z.enum(["up-to-date", "pending"]) }),
  },
  {
    method: "get",
    path: "/api/v1/me",
    summary: "The authenticated user and their workspaces",
    tag: "account",
    response: z.object({ user: userSchema, authenticatedBy: z.object({ type: z.enum(["token", "session"]) }).loose(), workspaces: z.array(workspaceSchema) }),
  },
  { method: "get", path: "/api/v1/workspaces", summary: "Workspaces of the caller", tag: "workspaces", response: z.object({ workspaces: z.array(workspaceSchema) }) },
  {
    method: "post",
    path: "/api/v1/workspaces",
    summary: "Create a workspace (the caller becomes its owner)",
    tag: "workspaces",
    body: createWorkspaceSchema,
    status: 201,
    response: z.object({ workspace: workspaceSchema }),
  },
  {
    method: "get",
    path: "/api/v1/workspaces/{slug}/audit",
    summary: "Audit events, newest first, keyset-paginated",
    tag: "audit",
    scope: "audit:read",
    query: auditListQuerySchema,
    response: z.object({ events: z.array(auditEventSchema), nextCursor: z.string().nullable() }),
  },
  {
    method: "get",
    path: "/api/v1/workspaces/{slug}/audit/verify",
    summary: "Verify the workspace's audit hash chain",
    tag: "audit",
    scope: "audit:verify",
    response: z.object({
      ok: z.boolean(),
      events: z.number(),
      firstBreak: z.object({ chain: z.string(), eventId: z.string(), seq: z.number(), reason: z.string() }).nullable(),
    }),
  },
];

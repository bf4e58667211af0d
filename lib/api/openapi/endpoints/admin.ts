import { z } from "zod";
import type { Endpoint } from "@/lib/api/openapi/registry";
import { changeRoleSchema, invitationViewSchema, inviteResponseSchema, inviteSchema, memberViewSchema, transferOwnershipSchema } from "@/lib/members/schemas";
import { createTokenSchema, tokenViewSchema } from "@/lib/tokens/manage";
import { auditExportQuerySchema } from "@/lib/audit/export";
import { monthlyUsageSchema, usageQuerySchema } from "@/lib/usage/schemas";

const W = "/api/v1/workspaces/{slug}";

export const adminEndpoints: Endpoint[] = [
  { method: "get", path: `${W}/members`, summary: "Members with role and last activity", tag: "members", scope: "member:read", response: z.object({ members: z.array(memberViewSchema) }) },
  { method: "post", path: `${W}/members`, summary: "Invite by e-mail (answers the one-time link, and whether it was e-mailed)", tag: "members", scope: "member:invite", body: inviteSchema, status: 201, response: inviteResponseSchema },
  { method: "patch", path: `${W}/members/{memberId}`, summary: "Change a member's role", tag: "members", scope: "member:update", body: changeRoleSchema, response: z.object({ member: z.object({ id: z.string(), role: z.string() }) }) },
  { method: "delete", path: `${W}/members/{memberId}`, summary: "Remove a member (or leave)", tag: "members", scope: "member:remove", status: 204, response: z.null() },
  { method: "post", path: `${W}/members/transfer`, summary: "Transfer ownership to another member", tag: "members", scope: "member:update", body: transferOwnershipSchema, response: z.object({ ok: z.boolean() }) },
  { method: "get", path: `${W}/invitations`, summary: "Invitations and their status", tag: "members", scope: "member:invite", response: z.object({ invitations: z.array(invitationViewSchema) }) },
  { method: "delete", path: `${W}/invitations/{invitationId}`, summary: "Revoke an invitation", tag: "members", scope: "member:invite", status: 204, response: z.null() },
  { method: "get", path: "/api/v1/invitations/{secret}", summary: "What an invitation link offers", tag: "members", public: true, response: z.object({ invitation: z.object({ email: z.string(), role: z.string(), status: z.string() }).loose() }) },
  { method: "post", path: "/api/v1/invitations/{secret}/accept", summary: "Join through an invitation link", tag: "members", response: z.object({ workspace: z.object({ slug: z.string(), name: z.string() }), role: z.string() }) },
  { method: "get", path: `${W}/tokens`, summary: "API tokens of the workspace and your personal ones", tag: "tokens", scope: "token:read", response: z.object({ tokens: z.array(tokenViewSchema) }) },
  { method: "post", path: `${W}/tokens`, summary: "Create an API token (the secret is shown once)", tag: "tokens", scope: "token:create", body: createTokenSchema, status: 201, response: z.object({ token: tokenViewSchema }) },
  { method: "delete", path: `${W}/tokens/{tokenId}`, summary: "Revoke an API token", tag: "tokens", scope: "token:revoke", status: 204, response: z.null() },
  {
    method: "get",
    path: `${W}/audit/export`,
    summary: "Download the audit trail (or the part matching the filters) as JSON Lines or CSV, oldest first, streamed",
    tag: "audit",
    scope: "audit:read",
    description: "The export is itself recorded (audit.exported) and covers the trail up to and including that event. Content-Type is application/x-ndjson or text/csv.",
    query: auditExportQuerySchema,
    contentType: "application/x-ndjson",
    response: z.string().describe("one JSON object per line (format=jsonl), or RFC 4180 CSV with a header row (format=csv)"),
  },
  {
    method: "get",
    path: `${W}/usage`,
    summary: "A month's tokens and cost in total, by spec, by person and by model",
    tag: "limits",
    scope: "settings:read",
    description: "Runs count in the UTC month they were created, whatever their status.",
    query: usageQuerySchema,
    response: monthlyUsageSchema,
  },
];

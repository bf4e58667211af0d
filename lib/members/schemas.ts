import { z } from "zod";
import { ROLES } from "@/lib/rbac/permissions";

export const roleSchema = z.enum(ROLES);

export const inviteSchema = z.object({
  email: z.email("Enter a valid e-mail address.").max(254).transform((e) => e.toLowerCase()),
  role: roleSchema.default("editor"),
  expiresInDays: z.number().int().min(1).max(30).default(7),
});

export const changeRoleSchema = z.object({ role: roleSchema });
export const transferOwnershipSchema = z.object({ memberId: z.string().min(1) });

export const memberViewSchema = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  lastActiveAt: z.string().nullable(),
  joinedAt: z.string(),
});

export const invitationViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: z.string(),
  createdAt: z.string(),
  link: z.string().optional().describe("only in the answer that created it"),
});

export const invitationEmailSchema = z
  .object({
    configured: z.boolean().describe("false: SMTP is not set up on this studio, so no e-mail was tried"),
    sent: z.boolean(),
    error: z.string().optional().describe("why the e-mail was not sent; the invitation exists either way"),
  })
  .describe("whether the invitation link was e-mailed");

export const inviteResponseSchema = z.object({ invitation: invitationViewSchema, email: invitationEmailSchema });

import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password";

export const updateProfileSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(256),
  newPassword: passwordSchema,
});

export const sessionViewSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean().describe("the session this request was made with"),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const profileViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  hasPassword: z.boolean().describe("false for accounts that only sign in through OAuth/OIDC"),
  createdAt: z.string(),
});
export type ProfileView = z.infer<typeof profileViewSchema>;

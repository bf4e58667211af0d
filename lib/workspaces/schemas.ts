import { z } from "zod";

export const slugSchema = z
  .string()
  .trim()
  .min(3, "Use at least 3 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/, "Use lowercase letters, digits and dashes, starting and ending with a letter or digit.");

export const RESERVED_SLUGS = new Set(["new", "api", "settings", "admin", "sign-in", "sign-up", "w"]);

export const createWorkspaceSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(80),
  slug: slugSchema.refine((s) => !RESERVED_SLUGS.has(s), "This address is reserved; choose another.").optional(),
});
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceSchema>;

export const workspaceSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  role: z.enum(["owner", "admin", "editor", "reviewer", "viewer"]),
});

/** A slug from a display name: "Acme Payments!" → "acme-payments". */
export function slugify(name: string): string {
  const s = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return s.length >= 3 ? s : `${s || "ws"}-${Math.random().toString(36).slice(2, 6)}`;
}

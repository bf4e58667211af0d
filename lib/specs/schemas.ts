import { z } from "zod";
import { MAX_SPEC_BYTES } from "@/lib/specs/format";

export const specNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(120, "Use at most 120 characters.")
  .refine((n) => !/[\u0000-\u001f]/.test(n), "The name cannot contain control characters.");

export const specContentSchema = z
  .string()
  .refine((c) => Buffer.byteLength(c) <= MAX_SPEC_BYTES, `A spec can be at most ${MAX_SPEC_BYTES.toLocaleString("en")} bytes.`)
  .refine((c) => !c.includes("\u0000"), "This looks like a binary file: a spec is YAML text.");

export const createSpecSchema = z.object({
  name: specNameSchema,
  content: specContentSchema.optional().describe("YAML text; a blank template when omitted"),
  source: z.enum(["blank", "example", "import"]).default("blank").describe("recorded in the audit trail"),
});

export const updateSpecSchema = z
  .object({
    name: specNameSchema.optional(),
    content: specContentSchema.optional().describe("replaces the live document's text; editors see the change"),
    archived: z.boolean().optional(),
  })
  .refine((v) => v.name !== undefined || v.content !== undefined || v.archived !== undefined, "Send name, content or archived.");

export const listSpecsQuerySchema = z.object({
  q: z.string().max(120).optional().describe("search by name"),
  archived: z.enum(["true", "false", "all"]).default("false"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});

export const createRevisionSchema = z.object({ message: z.string().trim().min(1, "Describe the revision.").max(500) });

export const validateRequestSchema = z.object({ content: z.string() });

const diagnosticSchema = z.object({
  line: z.number(),
  column: z.number(),
  endLine: z.number(),
  endColumn: z.number(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  path: z.string(),
});

export const validateResponseSchema = z.object({ valid: z.boolean(), diagnostics: z.array(diagnosticSchema) });

export const specSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  valid: z.boolean(),
  archived: z.boolean(),
  updatedAt: z.string(),
  createdAt: z.string(),
  latestRevision: z.object({ id: z.string(), number: z.number(), valid: z.boolean(), createdAt: z.string() }).nullable(),
});

export const specDetailSchema = specSummarySchema.extend({ content: z.string(), diagnostics: z.array(diagnosticSchema) });

export const revisionSchema = z.object({
  id: z.string(),
  number: z.number(),
  message: z.string(),
  valid: z.boolean(),
  contentHash: z.string(),
  author: z.string().nullable(),
  restoredFromId: z.string().nullable(),
  createdAt: z.string(),
  content: z.string().optional(),
  diagnostics: z.array(diagnosticSchema).optional(),
});

import { z } from "zod";

export const decisionSchema = z.object({
  decision: z.enum(["approve", "request_changes"]),
  comment: z.string().trim().max(5000).default(""),
});

export const createCommentSchema = z.object({
  line: z.number().int().min(1).optional().describe("required for a new thread; a reply takes its thread's line"),
  body: z.string().trim().min(1, "Write something.").max(10_000),
  parentId: z.string().optional().describe("reply to this comment's thread"),
});

export const updateCommentSchema = z.object({
  body: z.string().trim().min(1).max(10_000).optional(),
  resolved: z.boolean().optional(),
});

export const reviewSettingsSchema = z.object({
  approvalsRequired: z.number().int().min(1).max(10).optional(),
  allowSelfApproval: z.boolean().optional(),
});

export const exportQuerySchema = z.object({
  format: z.enum(["zip", "patch"]).default("zip"),
  all: z.enum(["true", "false"]).default("false").describe("include modules that are not approved, with their status marked"),
});

export const diffQuerySchema = z.object({
  against: z.string().optional().describe("module id to compare with; default: the same file in the previous run of the spec"),
});

import { z } from "zod";

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export const FINAL_RUN_STATUSES = new Set(["succeeded", "failed", "cancelled"]);
export const STEP_STATUSES = ["queued", "running", "retrying", "succeeded", "failed", "cancelled"] as const;
export const FLOW_STEP_KEY = "__flow__";

export const runParametersSchema = z
  .object({
    temperature: z.number().min(0).max(2).default(0.2),
    maxOutputTokens: z.number().int().min(64).max(32_000).default(4_000),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .default({ temperature: 0.2, maxOutputTokens: 4_000 });

export const triggerRunSchema = z.object({
  specId: z.string().min(1),
  revisionId: z.string().min(1).optional().describe("default: the spec's latest valid revision"),
  provider: z.string().min(1).optional().describe('provider id or name; "offline" for the built-in scaffolder'),
  model: z.string().min(1).optional(),
  parameters: runParametersSchema.optional(),
});
export type TriggerRunInput = z.infer<typeof triggerRunSchema>;

export const listRunsQuerySchema = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  specId: z.string().optional(),
  triggeredBy: z.string().optional().describe("user id"),
  provider: z.string().optional().describe("provider kind or name"),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const runEventsQuerySchema = z.object({
  cursor: z.coerce.number().int().min(0).default(0).describe("return events with seq greater than this"),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  includeTokens: z.enum(["true", "false"]).default("true"),
});

export const limitsSchema = z.object({
  monthlyTokenBudget: z.number().int().min(1000).max(10_000_000_000).nullable().optional(),
  maxConcurrentRuns: z.number().int().min(1).max(100).optional(),
  runTriggersPerHour: z.number().int().min(1).max(10_000).optional(),
});

export const runSummarySchema = z.object({
  id: z.string(),
  number: z.number(),
  status: z.enum(RUN_STATUSES),
  spec: z.object({ id: z.string(), name: z.string(), revisionId: z.string(), revisionNumber: z.number(), revisionHash: z.string() }),
  provider: z.object({ kind: z.string(), name: z.string(), model: z.string(), isLlm: z.boolean() }),
  triggeredBy: z.string().nullable(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  rerunOfId: z.string().nullable(),
});

export const rerunBodySchema = z.object({
  steps: z.array(z.string()).optional().describe("regenerate only these steps on the latest valid revision, carrying the others over"),
  changedOnly: z.boolean().optional().describe("regenerate only the steps whose definition changed since this run"),
});

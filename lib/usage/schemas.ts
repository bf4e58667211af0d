import { z } from "zod";

export const usageQuerySchema = z.object({
  month: z
    .string()
    .regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, "month must be YYYY-MM, e.g. 2026-03")
    .optional()
    .describe("calendar month in UTC, YYYY-MM; default: the current month"),
});

const figures = {
  runs: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  tokens: z.number().int().describe("input + output"),
  costUsd: z.number().describe("USD, from the provider's prices when the run ran"),
};

export const usageFiguresSchema = z.object(figures);

export const usageRowSchema = z.object({
  key: z.string().describe("spec id, user id (`unknown` when no person triggered it) or `provider/model`"),
  label: z.string(),
  detail: z.string().nullable().describe("the provider, for a model; the e-mail, for a person"),
  ...figures,
});

export const monthlyUsageSchema = z.object({
  month: z.string(),
  from: z.string().describe("start of the month (inclusive), ISO 8601"),
  to: z.string().describe("start of the next month (exclusive), ISO 8601"),
  total: usageFiguresSchema,
  bySpec: z.array(usageRowSchema),
  byPerson: z.array(usageRowSchema),
  byModel: z.array(usageRowSchema),
});

export type UsageFigures = z.infer<typeof usageFiguresSchema>;
export type UsageRow = z.infer<typeof usageRowSchema>;
export type MonthlyUsage = z.infer<typeof monthlyUsageSchema>;

import { z } from "zod";

export const PROVIDER_KINDS = ["offline", "openai", "anthropic", "openai-compatible"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

const priceSchema = z.object({
  inputPerMillion: z.number().min(0).max(10_000),
  outputPerMillion: z.number().min(0).max(10_000),
});

export const providerInputSchema = z
  .object({
    kind: z.enum(PROVIDER_KINDS),
    name: z.string().trim().min(1).max(60),
    baseUrl: z.url({ protocol: /^https?$/ }).optional().describe("required for openai-compatible (e.g. http://localhost:11434/v1 for Ollama)"),
    apiKey: z.string().min(1).max(500).optional().describe("write-only: stored encrypted, never returned"),
    models: z.array(z.string().trim().min(1).max(120)).min(1).max(50),
    defaultModel: z.string().trim().min(1).max(120),
    prices: z.record(z.string(), priceSchema).default({}).describe("USD per 1M tokens, by model"),
    enabled: z.boolean().default(true),
  })
  .refine((p) => p.models.includes(p.defaultModel), { message: "defaultModel must be one of models.", path: ["defaultModel"] })
  .refine((p) => p.kind !== "openai-compatible" || p.baseUrl, { message: "An OpenAI-compatible endpoint needs its base URL.", path: ["baseUrl"] });

export const providerUpdateSchema = z.object({
  name: z.string().trim().min(1).max(60).optional(),
  baseUrl: z.url({ protocol: /^https?$/ }).nullable().optional(),
  apiKey: z.string().min(1).max(500).nullable().optional().describe("null removes the key"),
  models: z.array(z.string().trim().min(1).max(120)).min(1).max(50).optional(),
  defaultModel: z.string().trim().min(1).max(120).optional(),
  prices: z.record(z.string(), priceSchema).optional(),
  enabled: z.boolean().optional(),
  makeDefault: z.boolean().optional(),
});

export const providerViewSchema = z.object({
  id: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  name: z.string(),
  label: z.string().describe("what the UI shows; the offline scaffolder says it is not an LLM"),
  isLlm: z.boolean(),
  baseUrl: z.string().nullable(),
  hasKey: z.boolean(),
  keyHint: z.string().nullable(),
  models: z.array(z.string()),
  defaultModel: z.string(),
  prices: z.record(z.string(), priceSchema),
  enabled: z.boolean(),
  isDefault: z.boolean(),
});

import { z } from "zod";
import type { Endpoint } from "@/lib/api/openapi/registry";
import { limitsSchema, listRunsQuerySchema, runEventsQuerySchema, runSummarySchema, triggerRunSchema } from "@/lib/runs/schemas";
import { providerInputSchema, providerUpdateSchema, providerViewSchema } from "@/lib/providers/schemas";

const W = "/api/v1/workspaces/{slug}";
const runDetail = runSummarySchema.extend({ parameters: z.unknown(), steps: z.array(z.object({ key: z.string(), status: z.string(), attempts: z.number(), error: z.string().nullable() }).loose()) });
const event = z.object({ seq: z.number(), type: z.string(), step: z.string().nullable(), at: z.string(), data: z.unknown() });
const moduleView = z.object({ id: z.string(), runId: z.string(), step: z.string(), role: z.enum(["module", "test", "flow"]), path: z.string(), language: z.string(), content: z.string(), contentHash: z.string(), findings: z.array(z.object({ line: z.number(), column: z.number().optional(), severity: z.string(), rule: z.string(), message: z.string() })), createdAt: z.string() });

export const runEndpoints: Endpoint[] = [
  { method: "get", path: `${W}/runs`, summary: "Run history, newest first, keyset-paginated", tag: "runs", scope: "run:read", query: listRunsQuerySchema, response: z.object({ runs: z.array(runSummarySchema), nextCursor: z.string().nullable() }) },
  { method: "post", path: `${W}/runs`, summary: "Start a run (send Idempotency-Key to make retries safe)", tag: "runs", scope: "run:trigger", body: triggerRunSchema, status: 201, response: z.object({ run: runSummarySchema, created: z.boolean() }) },
  { method: "get", path: `${W}/runs/estimate`, summary: "Estimated tokens and cost of a run", tag: "runs", scope: "run:read", query: z.object({ specId: z.string(), revisionId: z.string().optional(), provider: z.string().optional(), model: z.string().optional() }), response: z.object({ inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number() }).loose() },
  { method: "get", path: "/api/v1/runs/{runId}", summary: "A run with its steps", tag: "runs", scope: "run:read", response: z.object({ run: runDetail }) },
  { method: "get", path: "/api/v1/runs/{runId}/events", summary: "A run's events (timeline, LLM calls, retries, tokens)", tag: "runs", scope: "run:read", query: runEventsQuerySchema, response: z.object({ events: z.array(event), nextCursor: z.string().nullable() }) },
  { method: "get", path: "/api/v1/runs/{runId}/stream", summary: "Server-Sent Events of the run; resumes after Last-Event-ID", tag: "runs", scope: "run:read", contentType: "text/event-stream", response: z.string().describe("text/event-stream") },
  { method: "get", path: "/api/v1/runs/{runId}/modules", summary: "Generated modules with their output-check findings", tag: "runs", scope: "run:read", response: z.object({ modules: z.array(moduleView) }) },
  { method: "post", path: "/api/v1/runs/{runId}/cancel", summary: "Cancel a queued or running run", tag: "runs", scope: "run:cancel", response: z.object({ run: runSummarySchema }) },
  { method: "post", path: "/api/v1/runs/{runId}/rerun", summary: "Run the same revision, provider, model and parameters again", tag: "runs", scope: "run:trigger", status: 201, response: z.object({ run: runSummarySchema, created: z.boolean() }) },
  { method: "get", path: `${W}/providers`, summary: "Model providers (keys never returned)", tag: "providers", scope: "provider:read", response: z.object({ providers: z.array(providerViewSchema), defaultProviderId: z.string() }) },
  { method: "post", path: `${W}/providers`, summary: "Add a model provider", tag: "providers", scope: "provider:update", body: providerInputSchema, status: 201, response: z.object({ provider: providerViewSchema }) },
  { method: "patch", path: `${W}/providers/{providerId}`, summary: "Change a provider or make it the default", tag: "providers", scope: "provider:update", body: providerUpdateSchema, response: z.object({ provider: providerViewSchema.nullable() }).loose() },
  { method: "delete", path: `${W}/providers/{providerId}`, summary: "Remove a provider", tag: "providers", scope: "provider:update", status: 204, response: z.null() },
  { method: "post", path: `${W}/providers/{providerId}/test`, summary: "Test the connection with a one-line prompt", tag: "providers", scope: "provider:update", response: z.object({ ok: z.boolean(), latencyMs: z.number() }).loose() },
  { method: "get", path: `${W}/limits`, summary: "Run limits and this month's usage", tag: "limits", scope: "settings:read", response: z.object({ limits: limitsSchema, usage: z.object({ tokensThisMonth: z.number(), activeRuns: z.number() }) }) },
  { method: "put", path: `${W}/limits`, summary: "Change run limits", tag: "limits", scope: "limits:update", body: limitsSchema, response: z.object({ limits: limitsSchema }).loose() },
];

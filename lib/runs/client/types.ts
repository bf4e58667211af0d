/**
 * Response shapes of the run, provider and limits APIs as the browser sees them (see lib/runs/views.ts and
 * lib/providers/views.ts). Kept as plain interfaces so that client code never imports server modules.
 */

export type RunStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";
export type StepStatus = "queued" | "running" | "retrying" | "succeeded" | "failed" | "cancelled";

export interface RunSummary {
  id: string;
  number: number;
  status: RunStatus;
  spec: { id: string; name: string; revisionId: string; revisionNumber: number; revisionHash: string };
  provider: { kind: string; name: string; model: string; isLlm: boolean };
  triggeredBy: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  durationMs: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  rerunOfId: string | null;
}

export interface RunStepView {
  key: string;
  position: number;
  dependsOn: string[];
  status: StepStatus;
  attempts: number;
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunDetail extends RunSummary {
  parameters: unknown;
  steps: RunStepView[];
}

export interface RunListPage {
  runs: RunSummary[];
  nextCursor: string | null;
}

/** One entry of a run's event log (the SSE `run-event` payload and the /events API item). */
export interface RunEvent {
  seq: number;
  type: string;
  step: string | null;
  at: string;
  data: Record<string, unknown> | null;
}

/** A finding of the code checks (lib/checks/types.ts). */
export interface Finding {
  line: number;
  column?: number;
  severity: "error" | "warning";
  rule: string;
  message: string;
}

export interface ModuleView {
  id: string;
  runId: string;
  step: string;
  role: "module" | "test" | "flow" | string;
  path: string;
  language: string;
  content: string;
  contentHash: string;
  findings: Finding[] | null;
  createdAt: string;
}

export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export type ProviderKind = "offline" | "openai" | "anthropic" | "openai-compatible";

export interface ProviderView {
  id: string;
  kind: ProviderKind;
  name: string;
  label: string;
  isLlm: boolean;
  baseUrl: string | null;
  hasKey: boolean;
  keyHint: string | null;
  models: string[];
  defaultModel: string;
  prices: Record<string, ModelPrice>;
  enabled: boolean;
  isDefault: boolean;
}

export interface ProviderList {
  providers: ProviderView[];
  /** "offline" when the built-in scaffolder is the default */
  defaultProviderId: string;
}

export interface ProviderInput {
  kind: Exclude<ProviderKind, "offline">;
  name: string;
  baseUrl?: string;
  apiKey?: string;
  models: string[];
  defaultModel: string;
  prices: Record<string, ModelPrice>;
  enabled?: boolean;
}

export interface ProviderUpdate {
  name?: string;
  baseUrl?: string | null;
  /** null removes the key; undefined keeps it */
  apiKey?: string | null;
  models?: string[];
  defaultModel?: string;
  prices?: Record<string, ModelPrice>;
  enabled?: boolean;
  makeDefault?: boolean;
}

export interface ConnectionTest {
  ok: boolean;
  model: string;
  latencyMs: number;
  answer?: string;
  error?: { kind: string; message: string };
}

export interface StepEstimate {
  stepId: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface RunEstimate {
  revision: { id: string; number: number };
  provider: { kind: string; name: string; model: string; isLlm: boolean; hasPrices: boolean };
  steps: StepEstimate[];
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface RunParameters {
  temperature?: number;
  maxOutputTokens?: number;
  seed?: number;
}

export interface Limits {
  monthlyTokenBudget: number | null;
  maxConcurrentRuns: number;
  runTriggersPerHour: number;
}

export interface LimitsView {
  limits: Limits;
  usage: { tokensThisMonth: number; activeRuns: number };
}

export interface RunListFilters {
  status?: RunStatus;
  specId?: string;
  provider?: string;
  /** yyyy-mm-dd, local time, inclusive */
  from?: string;
  /** yyyy-mm-dd, local time, inclusive */
  to?: string;
}

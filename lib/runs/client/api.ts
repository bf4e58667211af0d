import { ApiError, apiFetch } from "@/lib/client/api";
import type {
  ConnectionTest,
  LimitsView,
  Limits,
  ModuleView,
  ProviderInput,
  ProviderList,
  ProviderUpdate,
  ProviderView,
  RunDetail,
  RunEstimate,
  RunListFilters,
  RunListPage,
  RunParameters,
  RunSummary,
} from "@/lib/runs/client/types";

const enc = encodeURIComponent;

/** Paths of the run, provider and limits APIs. */
export const runPaths = {
  list: (slug: string) => `/api/v1/workspaces/${enc(slug)}/runs`,
  estimate: (slug: string) => `/api/v1/workspaces/${enc(slug)}/runs/estimate`,
  run: (runId: string) => `/api/v1/runs/${enc(runId)}`,
  events: (runId: string) => `/api/v1/runs/${enc(runId)}/events`,
  stream: (runId: string) => `/api/v1/runs/${enc(runId)}/stream`,
  modules: (runId: string) => `/api/v1/runs/${enc(runId)}/modules`,
  cancel: (runId: string) => `/api/v1/runs/${enc(runId)}/cancel`,
  rerun: (runId: string) => `/api/v1/runs/${enc(runId)}/rerun`,
  providers: (slug: string) => `/api/v1/workspaces/${enc(slug)}/providers`,
  provider: (slug: string, id: string) => `/api/v1/workspaces/${enc(slug)}/providers/${enc(id)}`,
  providerTest: (slug: string, id: string) => `/api/v1/workspaces/${enc(slug)}/providers/${enc(id)}/test`,
  limits: (slug: string) => `/api/v1/workspaces/${enc(slug)}/limits`,
};

/** Pages of the studio for runs and settings. */
export const runPages = {
  list: (slug: string) => `/w/${enc(slug)}/runs`,
  run: (slug: string, runId: string) => `/w/${enc(slug)}/runs/${enc(runId)}`,
  spec: (slug: string, specId: string) => `/w/${enc(slug)}/specs/${enc(specId)}`,
  specHistory: (slug: string, specId: string) => `/w/${enc(slug)}/specs/${enc(specId)}/history`,
  specs: (slug: string) => `/w/${enc(slug)}/specs`,
  settings: (slug: string) => `/w/${enc(slug)}/settings`,
  providers: (slug: string) => `/w/${enc(slug)}/settings/providers`,
  limits: (slug: string) => `/w/${enc(slug)}/settings/limits`,
};

/**
 * apiFetch with extra request headers (Idempotency-Key). Same error contract: throws ApiError with the server's
 * code and message.
 */
export async function fetchWithHeaders<T>(path: string, init: { method: string; body?: unknown; headers?: Record<string, string> }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method,
      headers: { ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network", "Could not reach the studio. Check your connection and try again.");
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? "http_error", err?.message ?? `The studio answered ${res.status}.`, err?.details ?? null);
  }
  return data as T;
}

/**
 * The server's message, with the fields a 422 names ("specId: Required") when the message alone only says "see
 * details".
 */
export function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err instanceof ApiError && Array.isArray(err.details) && err.details.length) {
    const parts = (err.details as { path?: string; message?: string }[]).filter((d) => d.message).map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
    if (parts.length) return `${err.message.replace(/:? ?see details\.?$/i, ".")} ${parts.join("; ")}`.replace(/\.\s*\./, ".");
  }
  return err.message;
}

/** A random idempotency key; crypto.randomUUID where available (secure contexts), random bytes otherwise. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The query string of the run list for these filters (dates are local days, inclusive). */
export function runListQuery(filters: RunListFilters, cursor?: string, limit = 25): string {
  const p = new URLSearchParams();
  if (filters.status) p.set("status", filters.status);
  if (filters.specId) p.set("specId", filters.specId);
  if (filters.provider) p.set("provider", filters.provider);
  if (filters.from) p.set("from", new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to) p.set("to", new Date(`${filters.to}T23:59:59.999`).toISOString());
  if (cursor) p.set("cursor", cursor);
  p.set("limit", String(limit));
  return p.toString();
}

export const runsApi = {
  list: (slug: string, filters: RunListFilters, cursor?: string, signal?: AbortSignal) =>
    apiFetch<RunListPage>(`${runPaths.list(slug)}?${runListQuery(filters, cursor)}`, { signal }),
  get: (runId: string, signal?: AbortSignal) => apiFetch<{ run: RunDetail }>(runPaths.run(runId), { signal }),
  modules: (runId: string, signal?: AbortSignal) => apiFetch<{ modules: ModuleView[] }>(runPaths.modules(runId), { signal }),
  estimate: (slug: string, q: { specId: string; provider?: string; model?: string }, signal?: AbortSignal) => {
    const p = new URLSearchParams({ specId: q.specId });
    if (q.provider) p.set("provider", q.provider);
    if (q.model) p.set("model", q.model);
    return apiFetch<RunEstimate>(`${runPaths.estimate(slug)}?${p}`, { signal });
  },
  trigger: (slug: string, body: { specId: string; revisionId?: string; provider?: string; model?: string; parameters?: RunParameters }, idempotencyKey: string) =>
    fetchWithHeaders<{ run: RunSummary; created: boolean }>(runPaths.list(slug), { method: "POST", body, headers: { "idempotency-key": idempotencyKey } }),
  cancel: (runId: string) => apiFetch<{ run: RunSummary }>(runPaths.cancel(runId), { method: "POST" }),
  rerun: (runId: string, idempotencyKey: string) =>
    fetchWithHeaders<{ run: RunSummary; created: boolean }>(runPaths.rerun(runId), { method: "POST", headers: { "idempotency-key": idempotencyKey } }),
};

export const providersApi = {
  list: (slug: string, signal?: AbortSignal) => apiFetch<ProviderList>(runPaths.providers(slug), { signal }),
  create: (slug: string, body: ProviderInput) => apiFetch<{ provider: ProviderView }>(runPaths.providers(slug), { method: "POST", body }),
  update: (slug: string, id: string, body: ProviderUpdate) =>
    apiFetch<{ provider: ProviderView | null }>(runPaths.provider(slug, id), { method: "PATCH", body }),
  useOfflineByDefault: (slug: string) => apiFetch<{ defaultProviderId: string }>(runPaths.provider(slug, "offline"), { method: "PATCH", body: { makeDefault: true } }),
  remove: (slug: string, id: string) => apiFetch<null>(runPaths.provider(slug, id), { method: "DELETE" }),
  test: (slug: string, id: string) => apiFetch<ConnectionTest>(runPaths.providerTest(slug, id), { method: "POST" }),
};

export const limitsApi = {
  get: (slug: string, signal?: AbortSignal) => apiFetch<LimitsView>(runPaths.limits(slug), { signal }),
  update: (slug: string, body: Partial<Limits>) => apiFetch<LimitsView>(runPaths.limits(slug), { method: "PUT", body }),
};

import type { RunListFilters } from "@/lib/runs/client/types";

/**
 * TanStack Query keys for runs, providers and limits, broad to narrow so that one invalidation reaches everything
 * below it: `runKeys.all(slug)` ⊃ `lists(slug)` ⊃ `list(slug, filters)`.
 */
export const runKeys = {
  all: (slug: string) => ["runs", slug] as const,
  lists: (slug: string) => [...runKeys.all(slug), "list"] as const,
  list: (slug: string, filters: RunListFilters) => [...runKeys.lists(slug), filters] as const,
  detail: (runId: string) => ["run", runId] as const,
  modules: (runId: string) => [...runKeys.detail(runId), "modules"] as const,
  estimate: (slug: string, specId: string, provider: string, model: string) => ["run-estimate", slug, specId, provider, model] as const,
};

export const settingsKeys = {
  providers: (slug: string) => ["providers", slug] as const,
  limits: (slug: string) => ["limits", slug] as const,
};

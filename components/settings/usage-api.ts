import { apiFetch } from "@/lib/client/api";
import type { MonthlyUsage } from "@/lib/usage/schemas";

export type { MonthlyUsage, UsageRow } from "@/lib/usage/schemas";

export const usageKeys = {
  month: (slug: string, month: string) => ["usage", slug, month] as const,
};

export const usageApi = {
  get: (slug: string, month: string, signal?: AbortSignal) =>
    apiFetch<MonthlyUsage>(`/api/v1/workspaces/${encodeURIComponent(slug)}/usage?month=${encodeURIComponent(month)}`, { signal }),
};

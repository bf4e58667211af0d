import type { SpecListFilters } from "@/lib/specs/client/types";

/**
 * TanStack Query keys for specs, from broad to narrow, so that one invalidation reaches everything below it:
 * `specKeys.all(slug)` ⊃ `lists(slug)` ⊃ `list(slug, filters)`, and `detail(slug, id)` ⊃ `revisions` ⊃ `revision`.
 */
export const specKeys = {
  all: (slug: string) => ["specs", slug] as const,
  lists: (slug: string) => [...specKeys.all(slug), "list"] as const,
  list: (slug: string, filters: SpecListFilters) => [...specKeys.lists(slug), filters] as const,
  details: (slug: string) => [...specKeys.all(slug), "detail"] as const,
  detail: (slug: string, specId: string) => [...specKeys.details(slug), specId] as const,
  revisions: (slug: string, specId: string) => [...specKeys.detail(slug, specId), "revisions"] as const,
  revision: (slug: string, specId: string, revisionId: string) => [...specKeys.revisions(slug, specId), revisionId] as const,
};

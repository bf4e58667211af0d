import { apiFetch } from "@/lib/client/api";
import type { ArchivedFilter, RevisionView, SpecDetail, SpecListPage } from "@/lib/specs/client/types";

const enc = encodeURIComponent;

/** Paths of the spec API and of the live document, for one workspace. */
export const specPaths = {
  list: (slug: string) => `/api/v1/workspaces/${enc(slug)}/specs`,
  spec: (slug: string, specId: string) => `${specPaths.list(slug)}/${enc(specId)}`,
  export: (slug: string, specId: string) => `${specPaths.spec(slug, specId)}/export`,
  revisions: (slug: string, specId: string) => `${specPaths.spec(slug, specId)}/revisions`,
  revision: (slug: string, specId: string, revisionId: string) => `${specPaths.revisions(slug, specId)}/${enc(revisionId)}`,
  restore: (slug: string, specId: string, revisionId: string) => `${specPaths.revision(slug, specId, revisionId)}/restore`,
  collab: (slug: string, specId: string) => `/api/collab/${enc(slug)}/specs/${enc(specId)}`,
};

/** Pages of the studio for specs. */
export const specPages = {
  list: (slug: string) => `/w/${enc(slug)}/specs`,
  editor: (slug: string, specId: string) => `/w/${enc(slug)}/specs/${enc(specId)}`,
  history: (slug: string, specId: string) => `/w/${enc(slug)}/specs/${enc(specId)}/history`,
};

export type SpecSource = "blank" | "example" | "import";

export const specsApi = {
  list(slug: string, q: { q?: string; archived: ArchivedFilter; cursor?: string; limit?: number }, signal?: AbortSignal) {
    const p = new URLSearchParams({ archived: q.archived, limit: String(q.limit ?? 50) });
    if (q.q) p.set("q", q.q);
    if (q.cursor) p.set("cursor", q.cursor);
    return apiFetch<SpecListPage>(`${specPaths.list(slug)}?${p}`, { signal });
  },
  get: (slug: string, specId: string, signal?: AbortSignal) => apiFetch<{ spec: SpecDetail }>(specPaths.spec(slug, specId), { signal }),
  create: (slug: string, body: { name: string; content?: string; source: SpecSource }) =>
    apiFetch<{ spec: SpecDetail }>(specPaths.list(slug), { method: "POST", body }),
  update: (slug: string, specId: string, body: { name?: string; content?: string; archived?: boolean }) =>
    apiFetch<{ spec: SpecDetail }>(specPaths.spec(slug, specId), { method: "PATCH", body }),
  revisions: (slug: string, specId: string, signal?: AbortSignal) =>
    apiFetch<{ revisions: RevisionView[] }>(specPaths.revisions(slug, specId), { signal }),
  revision: (slug: string, specId: string, revisionId: string, signal?: AbortSignal) =>
    apiFetch<{ revision: RevisionView }>(specPaths.revision(slug, specId, revisionId), { signal }),
  saveRevision: (slug: string, specId: string, message: string) =>
    apiFetch<{ revision: RevisionView }>(specPaths.revisions(slug, specId), { method: "POST", body: { message } }),
  restore: (slug: string, specId: string, revisionId: string) =>
    apiFetch<{ revision: RevisionView }>(specPaths.restore(slug, specId, revisionId), { method: "POST" }),
};

import { ApiError, apiFetch } from "@/lib/client/api";
import type {
  CommentView,
  MemberView,
  ModuleDetail,
  ModuleDiff,
  ReviewInbox,
  ReviewRun,
  RevisionView,
  RunComparison,
  RunReview,
} from "@/lib/review/client/types";

const enc = encodeURIComponent;

/** Paths of the review APIs. */
export const reviewPaths = {
  runReview: (runId: string) => `/api/v1/runs/${enc(runId)}/review`,
  compare: (runId: string, withRunId: string) => `/api/v1/runs/${enc(runId)}/compare?with=${enc(withRunId)}`,
  export: (runId: string, format: "zip" | "patch", all: boolean) => `/api/v1/runs/${enc(runId)}/export?format=${format}&all=${all}`,
  rerun: (runId: string) => `/api/v1/runs/${enc(runId)}/rerun`,
  module: (moduleId: string) => `/api/v1/modules/${enc(moduleId)}`,
  decide: (moduleId: string) => `/api/v1/modules/${enc(moduleId)}/reviews`,
  comments: (moduleId: string) => `/api/v1/modules/${enc(moduleId)}/comments`,
  comment: (moduleId: string, commentId: string) => `/api/v1/modules/${enc(moduleId)}/comments/${enc(commentId)}`,
  diff: (moduleId: string, against?: string | null) => `/api/v1/modules/${enc(moduleId)}/diff${against ? `?against=${enc(against)}` : ""}`,
  inbox: (slug: string) => `/api/v1/workspaces/${enc(slug)}/reviews`,
  members: (slug: string) => `/api/v1/workspaces/${enc(slug)}/members`,
  runs: (slug: string, specId: string) => `/api/v1/workspaces/${enc(slug)}/runs?specId=${enc(specId)}&limit=50`,
  revision: (slug: string, specId: string, revisionId: string) => `/api/v1/workspaces/${enc(slug)}/specs/${enc(specId)}/revisions/${enc(revisionId)}`,
};

/** Pages of the studio around reviews. */
export const reviewPages = {
  inbox: (slug: string) => `/w/${enc(slug)}/reviews`,
  run: (slug: string, runId: string) => `/w/${enc(slug)}/runs/${enc(runId)}`,
  review: (slug: string, runId: string, opts: { module?: string; tab?: "code" | "diff"; line?: number; comment?: string; against?: string } = {}) => {
    const q = new URLSearchParams();
    if (opts.module) q.set("module", opts.module);
    if (opts.tab && opts.tab !== "code") q.set("tab", opts.tab);
    if (opts.against) q.set("against", opts.against);
    if (opts.line) q.set("line", String(opts.line));
    if (opts.comment) q.set("comment", opts.comment);
    const s = q.toString();
    return `/w/${enc(slug)}/runs/${enc(runId)}/review${s ? `?${s}` : ""}`;
  },
  compare: (slug: string, runId: string, withRunId?: string) => `/w/${enc(slug)}/runs/${enc(runId)}/compare${withRunId ? `?with=${enc(withRunId)}` : ""}`,
  spec: (slug: string, specId: string) => `/w/${enc(slug)}/specs/${enc(specId)}`,
  specHistory: (slug: string, specId: string) => `/w/${enc(slug)}/specs/${enc(specId)}/history`,
};

/** TanStack Query keys, broad to narrow: invalidating `reviewKeys.run(runId)` refreshes the tree and summary. */
export const reviewKeys = {
  run: (runId: string) => ["review", "run", runId] as const,
  module: (moduleId: string) => ["review", "module", moduleId] as const,
  diff: (moduleId: string, against: string | null) => ["review", "module", moduleId, "diff", against] as const,
  compare: (runId: string, withRunId: string) => ["review", "compare", runId, withRunId] as const,
  inbox: (slug: string) => ["review", "inbox", slug] as const,
  members: (slug: string) => ["review", "members", slug] as const,
  specRuns: (slug: string, specId: string) => ["review", "spec-runs", slug, specId] as const,
  revision: (specId: string, revisionId: string) => ["review", "revision", specId, revisionId] as const,
};

export const reviewApi = {
  runReview: (runId: string, signal?: AbortSignal) => apiFetch<RunReview>(reviewPaths.runReview(runId), { signal }),
  module: (moduleId: string, signal?: AbortSignal) => apiFetch<ModuleDetail>(reviewPaths.module(moduleId), { signal }),
  diff: (moduleId: string, against: string | null, signal?: AbortSignal) => apiFetch<ModuleDiff>(reviewPaths.diff(moduleId, against), { signal }),
  compare: (runId: string, withRunId: string, signal?: AbortSignal) => apiFetch<RunComparison>(reviewPaths.compare(runId, withRunId), { signal }),
  inbox: (slug: string, signal?: AbortSignal) => apiFetch<ReviewInbox>(reviewPaths.inbox(slug), { signal }),
  members: (slug: string, signal?: AbortSignal) => apiFetch<{ members: MemberView[] }>(reviewPaths.members(slug), { signal }),
  specRuns: (slug: string, specId: string, signal?: AbortSignal) => apiFetch<{ runs: ReviewRun[] }>(reviewPaths.runs(slug, specId), { signal }),
  revision: (slug: string, specId: string, revisionId: string, signal?: AbortSignal) =>
    apiFetch<{ revision: RevisionView }>(reviewPaths.revision(slug, specId, revisionId), { signal }),
  decide: (moduleId: string, decision: "approve" | "request_changes", comment: string) =>
    apiFetch<{ decision: { id: string; decision: string; comment: string; reviewer: string; createdAt: string } }>(reviewPaths.decide(moduleId), { body: { decision, comment } }),
  addComment: (moduleId: string, input: { line?: number; body: string; parentId?: string }) =>
    apiFetch<{ comment: CommentView }>(reviewPaths.comments(moduleId), { body: input }),
  updateComment: (moduleId: string, commentId: string, input: { body?: string; resolved?: boolean }) =>
    apiFetch<{ comment: CommentView }>(reviewPaths.comment(moduleId, commentId), { method: "PATCH", body: input }),
  deleteComment: (moduleId: string, commentId: string) => apiFetch<null>(reviewPaths.comment(moduleId, commentId), { method: "DELETE" }),
  /** Re-run only the steps whose definition changed since this run (the others are carried over with their reviews). */
  rerunChanged: async (runId: string, idempotencyKey: string) => {
    let res: Response;
    try {
      res = await fetch(reviewPaths.rerun(runId), {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
        body: JSON.stringify({ changedOnly: true }),
        credentials: "same-origin",
      });
    } catch {
      throw new ApiError(0, "network", "Could not reach the studio. Check your connection and try again.");
    }
    return readJson<{ run: ReviewRun; created: boolean }>(res);
  },
};

/** A Response's JSON, or the API's error as an ApiError (its message is the server's). */
export async function readJson<T>(res: Response): Promise<T> {
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

/** A random idempotency key. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return Array.from({ length: 4 }, () => Math.random().toString(36).slice(2, 10)).join("-");
}

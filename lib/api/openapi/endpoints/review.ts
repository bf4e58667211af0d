import { z } from "zod";
import type { Endpoint } from "@/lib/api/openapi/registry";
import { createCommentSchema, decisionSchema, diffQuerySchema, exportQuerySchema, reviewSettingsSchema, updateCommentSchema } from "@/lib/review/schemas";

// The review handlers answer plain objects built in lib/review; these describe their fields. `.loose()` where the
// answer carries more than a client needs to rely on.
const W = "/api/v1/workspaces/{slug}";
const reviewer = z.object({ reviewer: z.string(), at: z.string(), comment: z.string() });
const moduleReview = z.object({ state: z.enum(["approved", "changes_requested", "pending"]), approvals: z.array(reviewer), changesRequested: z.array(reviewer) });
const staleness = z.object({ stale: z.boolean(), note: z.string().optional() }).loose();
const comment = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  line: z.number().int(),
  body: z.string(),
  deleted: z.boolean(),
  author: z.object({ id: z.string().nullable(), label: z.string() }),
  mentions: z.array(z.string()),
  resolved: z.boolean(),
  edited: z.boolean(),
  createdAt: z.string(),
});
const fileDiff = z
  .object({
    unified: z.string().describe("the unified diff text"),
    hunks: z.array(z.object({ oldStart: z.number().int(), oldLines: z.number().int(), newStart: z.number().int(), newLines: z.number().int(), lines: z.array(z.string()) })),
    added: z.number().int(),
    removed: z.number().int(),
  })
  .loose();
const reviewSettings = z.object({ approvalsRequired: z.number().int(), allowSelfApproval: z.boolean() });
const runTotals = z
  .object({ id: z.string(), number: z.number().int(), status: z.string(), inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number(), durationMs: z.number().nullable(), revisionNumber: z.number().int(), model: z.string() })
  .loose();

/** Reviews: modules, line comments, decisions, diffs, run comparison, export and the review inbox. */
export const reviewEndpoints: Endpoint[] = [
  {
    method: "get",
    path: "/api/v1/modules/{moduleId}",
    summary: "A generated module with its run, review state, staleness and comments",
    tag: "reviews",
    scope: "review:read",
    response: z.object({ module: z.object({ id: z.string(), path: z.string(), content: z.string() }).loose(), run: z.object({ id: z.string() }).loose(), review: moduleReview, staleness, comments: z.array(comment) }),
  },
  { method: "get", path: "/api/v1/modules/{moduleId}/comments", summary: "Line comments of a module, threads first", tag: "reviews", scope: "review:read", response: z.object({ comments: z.array(comment) }) },
  { method: "post", path: "/api/v1/modules/{moduleId}/comments", summary: "Comment on a line or reply to a thread (mentions notify)", tag: "reviews", scope: "review:comment", body: createCommentSchema, status: 201, response: z.object({ comment }) },
  { method: "patch", path: "/api/v1/modules/{moduleId}/comments/{commentId}", summary: "Edit your comment, or resolve / reopen its thread", tag: "reviews", scope: "review:comment", body: updateCommentSchema, response: z.object({ comment }) },
  { method: "delete", path: "/api/v1/modules/{moduleId}/comments/{commentId}", summary: "Delete your comment", tag: "reviews", scope: "review:comment", status: 204, response: z.null() },
  {
    method: "get",
    path: "/api/v1/modules/{moduleId}/diff",
    summary: "The module against the same file of another run, with the spec revisions' diff",
    tag: "reviews",
    scope: "review:read",
    query: diffQuerySchema,
    response: z.object({
      against: z.object({ moduleId: z.string(), runId: z.string(), runNumber: z.number().int(), revision: z.number().int() }).nullable(),
      diff: fileDiff.nullable(),
      specDiff: fileDiff.nullable(),
      message: z.string().optional(),
    }),
  },
  {
    method: "post",
    path: "/api/v1/modules/{moduleId}/reviews",
    summary: "Approve a module or request changes",
    tag: "reviews",
    scope: "review:decide",
    body: decisionSchema,
    status: 201,
    response: z.object({ decision: z.object({ id: z.string(), decision: z.enum(["approve", "request_changes"]), comment: z.string(), reviewer: z.string(), createdAt: z.string() }) }),
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/review",
    summary: "A run's modules with review state, staleness and open threads",
    tag: "reviews",
    scope: "review:read",
    response: z.object({
      settings: reviewSettings,
      summary: z.object({ state: z.enum(["empty", "changes_requested", "approved", "pending"]), label: z.string(), approved: z.number().int(), changesRequested: z.number().int(), total: z.number().int() }),
      modules: z.array(z.object({ id: z.string(), path: z.string(), step: z.string(), role: z.string(), review: moduleReview, openThreads: z.number().int(), staleness }).loose()),
    }),
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/compare",
    summary: "Compare with another run: changed, added and removed files and both runs' totals",
    tag: "reviews",
    scope: "run:read",
    query: z.object({ with: z.string().min(1).describe("the run to compare with (the earlier one)") }),
    response: z.object({
      from: runTotals,
      to: runTotals,
      files: z.array(z.object({ path: z.string(), change: z.enum(["added", "removed", "changed", "unchanged"]), fromModuleId: z.string().nullable(), toModuleId: z.string().nullable() })),
    }),
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/export",
    summary: "Download the approved modules as a .zip with a README, or as a patch",
    tag: "reviews",
    scope: "export:download",
    query: exportQuerySchema,
    contentType: "application/zip",
    response: z.string().describe("a zip archive (format=zip) or a unified diff, text/x-diff (format=patch)"),
  },
  { method: "get", path: `${W}/review-settings`, summary: "Approvals required and whether self-approval is allowed", tag: "reviews", scope: "settings:read", response: z.object({ settings: reviewSettings }) },
  { method: "put", path: `${W}/review-settings`, summary: "Change the review settings", tag: "reviews", scope: "settings:update", body: reviewSettingsSchema, response: z.object({ settings: reviewSettings }) },
  {
    method: "get",
    path: `${W}/reviews`,
    summary: "Your review inbox: modules waiting, mentions and recent decisions",
    tag: "reviews",
    scope: "review:read",
    response: z.object({ waiting: z.array(z.object({ runId: z.string(), number: z.number().int(), spec: z.string(), revision: z.number().int(), triggeredBy: z.string().nullable(), createdAt: z.string() }).loose()), mentions: z.array(z.object({ commentId: z.string(), moduleId: z.string(), path: z.string(), line: z.number().int() }).loose()), decided: z.array(z.object({ moduleId: z.string(), decision: z.string() }).loose()) }),
  },
];

/**
 * Response shapes of the review APIs as the browser sees them (lib/review/*.ts, lib/runs/views.ts). Plain
 * interfaces, so client code never imports server modules.
 */

export type ReviewState = "approved" | "changes_requested" | "pending";

export interface DecisionView {
  reviewer: string;
  at: string;
  comment: string;
}

export interface ModuleReview {
  state: ReviewState;
  approvals: DecisionView[];
  changesRequested: DecisionView[];
}

export type Staleness =
  | { stale: false; note?: string }
  | { stale: true; reason: string; fromRevisionId: string; fromRevision: number; toRevisionId: string; toRevision: number };

export interface ReviewModuleItem {
  id: string;
  path: string;
  step: string;
  role: "module" | "test" | "flow" | string;
  language: string;
  findings: number;
  carriedOver: boolean;
  review: ModuleReview;
  openThreads: number;
  staleness: Staleness;
}

export interface RunReviewSummary {
  state: "approved" | "changes_requested" | "pending" | "empty";
  label: string;
  approved: number;
  changesRequested: number;
  total: number;
}

export interface RunReview {
  settings: { approvalsRequired: number; allowSelfApproval: boolean };
  summary: RunReviewSummary;
  modules: ReviewModuleItem[];
}

export interface Finding {
  line: number;
  column?: number;
  severity: "error" | "warning";
  rule: string;
  message: string;
}

export interface ReviewRun {
  id: string;
  number: number;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
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

export interface ModuleFile {
  id: string;
  runId: string;
  step: string;
  role: string;
  path: string;
  language: string;
  content: string;
  contentHash: string;
  findings: Finding[] | null;
  createdAt: string;
}

export interface CommentView {
  id: string;
  parentId: string | null;
  line: number;
  body: string;
  deleted: boolean;
  author: { id: string | null; label: string };
  mentions: string[];
  resolved: boolean;
  edited: boolean;
  createdAt: string;
}

export interface ModuleDetail {
  module: ModuleFile;
  run: ReviewRun;
  review: ModuleReview;
  staleness: Staleness;
  comments: CommentView[];
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

export interface TextDiff {
  unified: string;
  hunks: Hunk[];
  added: number;
  removed: number;
  identical: boolean;
}

export interface ModuleDiff {
  against: { moduleId: string; runId: string; runNumber: number; revision: number } | null;
  diff: TextDiff | null;
  specDiff: TextDiff | null;
  message?: string;
}

export interface RunTotals {
  id: string;
  number: number;
  status: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  durationMs: number | null;
  revisionNumber: number;
  model: string;
}

export type FileChange = "changed" | "added" | "removed" | "unchanged";

export interface RunComparison {
  from: RunTotals;
  to: RunTotals;
  files: { path: string; change: FileChange; fromModuleId: string | null; toModuleId: string | null }[];
}

export interface InboxWaiting {
  runId: string;
  number: number;
  spec: string;
  revision: number;
  triggeredBy: string | null;
  createdAt: string;
  summary: RunReviewSummary;
}

export interface InboxMention {
  commentId: string;
  moduleId: string;
  runId: string;
  run: number;
  spec: string;
  path: string;
  line: number;
  author: string;
  body: string;
  resolved: boolean;
  createdAt: string;
}

export interface InboxDecision {
  moduleId: string;
  runId: string;
  run: number;
  spec: string;
  path: string;
  decision: "approve" | "request_changes" | string;
  reviewer: string;
  comment: string;
  createdAt: string;
}

export interface ReviewInbox {
  waiting: InboxWaiting[];
  mentions: InboxMention[];
  decided: InboxDecision[];
}

export interface MemberView {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: string;
}

export interface RevisionView {
  id: string;
  number: number;
  message: string;
  content?: string;
  createdAt: string;
}

/** What the signed-in person may do on the review page (from their role, decided on the server). */
export interface ReviewPermissions {
  userId: string;
  role: string;
  canComment: boolean;
  canDecide: boolean;
  canExport: boolean;
  canTrigger: boolean;
  /** they triggered this run (self-approval may be off) */
  triggeredRun: boolean;
}

import type { DbTx } from "@/lib/db";

export type ModuleReviewState = "approved" | "changes_requested" | "pending";

export interface ModuleReview {
  state: ModuleReviewState;
  approvals: { reviewer: string; at: string; comment: string }[];
  changesRequested: { reviewer: string; at: string; comment: string }[];
}

/**
 * Review state of modules: each reviewer's latest decision counts; any standing "request changes" wins; otherwise
 * approved once `approvalsRequired` reviewers approve. A module carried over from an earlier run keeps its
 * source's decisions.
 */
export async function reviewStates(db: DbTx, modules: { id: string; carriedFromId: string | null }[], approvalsRequired: number) {
  const sourceOf = new Map(modules.map((m) => [m.id, m.carriedFromId ?? m.id]));
  const decisions = await db.reviewDecision.findMany({ where: { moduleId: { in: [...new Set(sourceOf.values())] } }, orderBy: { createdAt: "asc" } });
  const latest = new Map<string, Map<string, (typeof decisions)[number]>>();
  for (const d of decisions) {
    const byReviewer = latest.get(d.moduleId) ?? new Map();
    byReviewer.set(d.reviewerId, d);
    latest.set(d.moduleId, byReviewer);
  }
  const out = new Map<string, ModuleReview>();
  for (const m of modules) {
    const standing = [...(latest.get(sourceOf.get(m.id)!)?.values() ?? [])];
    const view = (d: (typeof standing)[number]) => ({ reviewer: d.reviewerLabel, at: d.createdAt.toISOString(), comment: d.comment });
    const approvals = standing.filter((d) => d.decision === "approve").map(view);
    const changesRequested = standing.filter((d) => d.decision === "request_changes").map(view);
    const state: ModuleReviewState = changesRequested.length ? "changes_requested" : approvals.length >= approvalsRequired ? "approved" : "pending";
    out.set(m.id, { state, approvals, changesRequested });
  }
  return out;
}

/** "3 of 4 approved", "changes requested", … for a run. */
export function summarizeRun(states: ModuleReview[]) {
  const approved = states.filter((s) => s.state === "approved").length;
  const changes = states.filter((s) => s.state === "changes_requested").length;
  const total = states.length;
  const state = (total === 0 ? "empty" : changes ? "changes_requested" : approved === total ? "approved" : "pending") as "empty" | "changes_requested" | "approved" | "pending";
  const label = total === 0 ? "no modules" : changes ? `changes requested on ${changes} of ${total}` : `${approved} of ${total} approved`;
  return { state, label, approved, changesRequested: changes, total };
}

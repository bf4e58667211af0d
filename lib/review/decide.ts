import type { z } from "zod";
import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { getModuleOrThrow } from "@/lib/review/modules";
import type { decisionSchema } from "@/lib/review/schemas";

/** Approve or request changes on a module. Throws forbidden when self-approval is off and you triggered the run. */
export async function decideModule(db: Db, access: WorkspaceAccess, moduleId: string, input: z.infer<typeof decisionSchema>) {
  const m = await getModuleOrThrow(db, access.workspace.id, moduleId);
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: access.workspace.id }, select: { allowSelfApproval: true } });
  if (input.decision === "approve" && !ws.allowSelfApproval && m.run.triggeredById === access.principal.userId) {
    throw new AppError("forbidden", "You started this run, and this workspace does not let people approve their own runs. Ask another reviewer.");
  }
  if (input.decision === "request_changes" && !input.comment) {
    throw new AppError("validation_failed", "Say what should change: a comment is required when requesting changes.", [{ path: "comment", message: "Required when requesting changes." }]);
  }
  return db.$transaction(async (tx) => {
    const d = await tx.reviewDecision.create({
      data: { moduleId, runId: m.runId, workspaceId: access.workspace.id, reviewerId: access.principal.userId, reviewerLabel: access.principal.name || access.principal.email, decision: input.decision, comment: input.comment },
    });
    await recordAudit(tx, { actor: access.actor, action: "review.decision_made", resourceType: "module", resourceId: moduleId, workspaceId: access.workspace.id, after: { decision: input.decision, path: m.path, run: m.run.number }, metadata: input.comment ? { comment: input.comment.slice(0, 500) } : undefined });
    return d;
  });
}

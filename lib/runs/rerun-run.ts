import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { getRunOrThrow } from "@/lib/runs/queries";
import { triggerRun } from "@/lib/runs/trigger-run";
import { runParametersSchema } from "@/lib/runs/schemas";

/** A new run with the same revision, provider, model and parameters (seed included) as an earlier one. */
export async function rerunRun(db: Db, access: WorkspaceAccess, runId: string, idempotencyKey?: string) {
  const old = await getRunOrThrow(db, access.workspace.id, runId);
  const parameters = runParametersSchema.parse(old.parameters);
  return triggerRun(
    db,
    access,
    { specId: old.specId, revisionId: old.revisionId, provider: old.providerId ?? "offline", model: old.model, parameters },
    { idempotencyKey, rerunOfId: old.id },
  );
}

import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { AppError } from "@/lib/errors";
import { validateSpec } from "@/lib/specs/format";
import { getRunOrThrow } from "@/lib/runs/queries";
import { triggerRun } from "@/lib/runs/trigger-run";
import { runParametersSchema } from "@/lib/runs/schemas";
import { stepHash } from "@/lib/review/step-hash";

/**
 * Re-run only some steps on the spec's latest valid revision, carrying the other steps' modules (and their
 * reviews) over from `runId`. With no steps named, the steps whose definition changed since that run are chosen.
 * Throws validation_failed naming unknown steps, or steps that cannot be carried over.
 */
export async function partialRerun(db: Db, access: WorkspaceAccess, runId: string, steps: string[] | undefined, idempotencyKey?: string) {
  const old = await getRunOrThrow(db, access.workspace.id, runId);
  const latest = await db.specRevision.findFirst({ where: { specId: old.specId, valid: true }, orderBy: { number: "desc" } });
  const spec = latest ? validateSpec(latest.content).spec : undefined;
  if (!latest || !spec) throw new AppError("validation_failed", "The spec has no valid revision to run.");
  const ids = spec.steps.map((s) => s.id);
  const unknown = (steps ?? []).filter((s) => !ids.includes(s));
  if (unknown.length) throw new AppError("validation_failed", `Unknown steps: ${unknown.join(", ")}. Revision #${latest.number} has: ${ids.join(", ")}.`, { field: "steps", unknown });
  const oldModules = await db.module.findMany({ where: { runId: old.id }, select: { stepKey: true, stepHash: true } });
  const hashOf = new Map(oldModules.map((m) => [m.stepKey, m.stepHash]));
  const regenerate = steps?.length ? steps : ids.filter((id) => hashOf.get(id) !== stepHash(spec, id));
  if (!regenerate.length) throw new AppError("validation_failed", `No step changed since run #${old.number}; name the steps to re-run.`, { field: "steps" });
  const carry = ids.filter((id) => !regenerate.includes(id));
  const missing = carry.filter((id) => !hashOf.has(id));
  if (missing.length) throw new AppError("validation_failed", `Run #${old.number} has no modules for ${missing.join(", ")}: include them in the re-run.`, { field: "steps", missing });
  return triggerRun(
    db,
    access,
    { specId: old.specId, revisionId: latest.id, provider: old.providerId ?? "offline", model: old.model, parameters: runParametersSchema.parse(old.parameters) },
    { idempotencyKey, rerunOfId: old.id, carry: { fromRunId: old.id, steps: carry } },
  );
}

import type { DbTx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { validateSpec } from "@/lib/specs/format";
import { stepHash } from "@/lib/review/step-hash";

/** The workspace of a module, for authorizing /api/v1/modules/<id>. */
export async function moduleWorkspaceId(db: DbTx, moduleId: string): Promise<string> {
  const m = await db.module.findUnique({ where: { id: moduleId }, select: { workspaceId: true } });
  if (!m) throw new AppError("not_found", "Module was not found.");
  return m.workspaceId;
}

export async function getModuleOrThrow(db: DbTx, workspaceId: string, moduleId: string) {
  const m = await db.module.findFirst({ where: { id: moduleId, workspaceId }, include: { run: true } });
  if (!m) throw new AppError("not_found", "Module was not found.");
  return m;
}

/**
 * Whether a module is stale: the spec's newest revision changed (or removed) its step since the module's run.
 * Returns the revisions involved so the UI can show the spec diff that caused it.
 */
export async function staleness(db: DbTx, m: { stepKey: string; stepHash: string; run: { specId: string; revisionId: string; revisionNumber: number } }) {
  const latest = await db.specRevision.findFirst({ where: { specId: m.run.specId }, orderBy: { number: "desc" }, select: { id: true, number: true, content: true } });
  if (!latest || latest.id === m.run.revisionId || !m.stepHash) return { stale: false as const };
  const spec = validateSpec(latest.content).spec;
  if (!spec) return { stale: false as const, note: `Revision #${latest.number} is not valid, so it is not compared.` };
  const now = stepHash(spec, m.stepKey);
  if (now === m.stepHash) return { stale: false as const };
  const removed = m.stepKey !== "__flow__" && !spec.steps.some((s) => s.id === m.stepKey);
  return {
    stale: true as const,
    reason: removed ? `Step ${m.stepKey} was removed in revision #${latest.number}.` : `Step ${m.stepKey} changed in revision #${latest.number}.`,
    fromRevisionId: m.run.revisionId,
    fromRevision: m.run.revisionNumber,
    toRevisionId: latest.id,
    toRevision: latest.number,
  };
}

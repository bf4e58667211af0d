import type { DbTx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { validateSpec } from "@/lib/specs/format";
import { stepHash } from "@/lib/review/step-hash";
import type { Spec } from "@/lib/specs/types";

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

// Revisions never change once written, and parsing one is not cheap (tens of ms for a long spec): the newest
// revisions' parses are kept, by id, for every review and module request that judges staleness against them.
const PARSED_KEPT = 32;
const parsed = new Map<string, Spec | null>();

function parsedRevision(rev: { id: string; content: string }): Spec | null {
  let spec = parsed.get(rev.id);
  if (spec === undefined) {
    spec = validateSpec(rev.content).spec ?? null;
    if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(rev.id, spec);
  }
  return spec;
}

type RunRevision = { specId: string; revisionId: string; revisionNumber: number };

export type Staleness =
  | { stale: false; note?: string }
  | { stale: true; reason: string; fromRevisionId: string; fromRevision: number; toRevisionId: string; toRevision: number };

/**
 * A judge of staleness for the modules of one run: the spec's newest revision is read and parsed once, each step's
 * fingerprint in it computed once, so a run of 50 modules costs one query, not 50 queries and 50 parses.
 */
export async function stalenessJudge(db: DbTx, run: RunRevision): Promise<(m: { stepKey: string; stepHash: string }) => Staleness> {
  const latest = await db.specRevision.findFirst({ where: { specId: run.specId }, orderBy: { number: "desc" }, select: { id: true, number: true, content: true } });
  if (!latest || latest.id === run.revisionId) return () => ({ stale: false });
  const spec = parsedRevision(latest);
  if (!spec) {
    const note = `Revision #${latest.number} is not valid, so it is not compared.`;
    return (m) => (m.stepHash ? { stale: false, note } : { stale: false });
  }
  const hashes = new Map<string, string>();
  return (m) => {
    if (!m.stepHash) return { stale: false };
    let now = hashes.get(m.stepKey);
    if (now === undefined) hashes.set(m.stepKey, (now = stepHash(spec, m.stepKey)));
    if (now === m.stepHash) return { stale: false };
    const removed = m.stepKey !== "__flow__" && !spec.steps.some((s) => s.id === m.stepKey);
    return {
      stale: true,
      reason: removed ? `Step ${m.stepKey} was removed in revision #${latest.number}.` : `Step ${m.stepKey} changed in revision #${latest.number}.`,
      fromRevisionId: run.revisionId,
      fromRevision: run.revisionNumber,
      toRevisionId: latest.id,
      toRevision: latest.number,
    };
  };
}

/**
 * Whether a module is stale: the spec's newest revision changed (or removed) its step since the module's run.
 * Returns the revisions involved so the UI can show the spec diff that caused it.
 */
export async function staleness(db: DbTx, m: { stepKey: string; stepHash: string; run: RunRevision }): Promise<Staleness> {
  return (await stalenessJudge(db, m.run))(m);
}

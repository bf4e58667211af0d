import type { DbTx } from "@/lib/db";
import { validateSpec } from "@/lib/specs/format";
import type { Spec } from "@/lib/specs/types";

/**
 * A revision's validated spec, parsed once per process: revisions are immutable, and every step of a run (and the
 * run's closing) needs the same one, so parsing the YAML and validating it per step was pure repeated work.
 * Null when the revision does not validate (not cached: nothing to save). Callers must not change the spec.
 */
const MAX = 200;
const g = globalThis as unknown as { __studioRevisionSpecs?: Map<string, Spec> };
const cache = (g.__studioRevisionSpecs ??= new Map());

export async function revisionSpec(db: DbTx, revisionId: string): Promise<Spec | null> {
  const hit = cache.get(revisionId);
  if (hit) {
    // Most recently used last, so the oldest entry is the one dropped.
    cache.delete(revisionId);
    cache.set(revisionId, hit);
    return hit;
  }
  const revision = await db.specRevision.findUniqueOrThrow({ where: { id: revisionId }, select: { content: true } });
  const spec = validateSpec(revision.content).spec;
  if (!spec) return null;
  cache.set(revisionId, spec);
  if (cache.size > MAX) cache.delete(cache.keys().next().value!);
  return spec;
}

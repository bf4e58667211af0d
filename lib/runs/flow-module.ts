import { checkModule } from "@/lib/checks";
import { scaffoldFlow } from "@/lib/llm/scaffolder";
import { stepHash } from "@/lib/review/step-hash";
import { FLOW_STEP_KEY } from "@/lib/runs/schemas";
import type { GeneratedFileRow } from "@/lib/runs/step-sql";
import type { Spec } from "@/lib/specs/types";

/**
 * A revision's flow module with its check findings, made once per process: it depends on the revision alone, and
 * every step of a run hands it to the step-closing statement in case that step is the run's last.
 */
const MAX = 200;
const g = globalThis as unknown as { __studioFlowModules?: Map<string, Promise<GeneratedFileRow>> };
const cache = (g.__studioFlowModules ??= new Map());

export function flowModule(revisionId: string, spec: Spec): Promise<GeneratedFileRow> {
  let hit = cache.get(revisionId);
  if (!hit) {
    hit = (async () => {
      const flow = scaffoldFlow(spec);
      const findings = await checkModule({ path: flow.path, language: flow.language, content: flow.content });
      return { stepKey: FLOW_STEP_KEY, role: "flow", path: flow.path, language: flow.language, content: flow.content, findings, stepHash: stepHash(spec, FLOW_STEP_KEY) };
    })();
    cache.set(revisionId, hit);
    // A failed check is not remembered: the next step tries again.
    hit.catch(() => cache.delete(revisionId));
    if (cache.size > MAX) cache.delete(cache.keys().next().value!);
  }
  return hit;
}

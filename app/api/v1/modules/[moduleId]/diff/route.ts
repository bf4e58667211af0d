import { resourceRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { baselineModule, diffTexts } from "@/lib/review/diff";
import { getModuleOrThrow, moduleWorkspaceId } from "@/lib/review/modules";
import { diffQuerySchema } from "@/lib/review/schemas";

/** This module against the same file of another run, next to the diff of the spec revisions behind them. */
export const GET = resourceRoute<{ moduleId: string }>("review:read", (db, p) => moduleWorkspaceId(db, p.moduleId), async ({ req, db, access, params }) => {
  const m = await getModuleOrThrow(db, access.workspace.id, params.moduleId);
  const { against } = parseQuery(req.url, diffQuerySchema);
  const base = await baselineModule(db, m, against);
  if (!base) return { against: null, diff: null, specDiff: null, message: "No earlier run of this spec has this file to compare with." };
  const [revA, revB] = await Promise.all([base.run.revisionId, m.run.revisionId].map((id) => db.specRevision.findUniqueOrThrow({ where: { id } })));
  return {
    against: { moduleId: base.id, runId: base.runId, runNumber: base.run.number, revision: base.run.revisionNumber },
    diff: diffTexts({ path: base.path, content: base.content, label: `run #${base.run.number}` }, { path: m.path, content: m.content, label: `run #${m.run.number}` }),
    specDiff: revA.id === revB.id ? null : diffTexts({ path: "spec.yaml", content: revA.content, label: `revision #${revA.number}` }, { path: "spec.yaml", content: revB.content, label: `revision #${revB.number}` }),
  };
});

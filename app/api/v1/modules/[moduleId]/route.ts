import { resourceRoute } from "@/lib/api/handler";
import { getModuleOrThrow, moduleWorkspaceId, staleness } from "@/lib/review/modules";
import { reviewStates } from "@/lib/review/status";
import { listComments } from "@/lib/review/comments";
import { toModuleView, toRunSummary } from "@/lib/runs/views";

export const GET = resourceRoute<{ moduleId: string }>("review:read", (db, p) => moduleWorkspaceId(db, p.moduleId), async ({ db, access, params }) => {
  const m = await getModuleOrThrow(db, access.workspace.id, params.moduleId);
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: access.workspace.id }, select: { approvalsRequired: true } });
  const review = (await reviewStates(db, [m], ws.approvalsRequired)).get(m.id)!;
  return { module: toModuleView(m), run: toRunSummary(m.run), review, staleness: await staleness(db, { stepKey: m.stepKey, stepHash: m.stepHash, run: m.run }), comments: await listComments(db, m.id) };
});

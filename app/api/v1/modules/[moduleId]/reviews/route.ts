import { resourceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { decideModule } from "@/lib/review/decide";
import { moduleWorkspaceId } from "@/lib/review/modules";
import { decisionSchema } from "@/lib/review/schemas";

export const POST = resourceRoute<{ moduleId: string }>("review:decide", (db, p) => moduleWorkspaceId(db, p.moduleId), async ({ req, db, access, params }) => {
  const d = await decideModule(db, access, params.moduleId, await parseJsonBody(req, decisionSchema));
  return Response.json({ decision: { id: d.id, decision: d.decision, comment: d.comment, reviewer: d.reviewerLabel, createdAt: d.createdAt.toISOString() } }, { status: 201 });
});

import { resourceRoute } from "@/lib/api/handler";
import { runWorkspaceId } from "@/lib/runs/queries";
import { toModuleView } from "@/lib/runs/views";

export const GET = resourceRoute<{ runId: string }>("run:read", (db, p) => runWorkspaceId(db, p.runId), async ({ db, params }) => {
  const modules = await db.module.findMany({ where: { runId: params.runId }, orderBy: [{ stepKey: "asc" }, { path: "asc" }] });
  return { modules: modules.map(toModuleView) };
});

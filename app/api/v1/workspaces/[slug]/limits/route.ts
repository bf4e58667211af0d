import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { getLimits, updateLimits } from "@/lib/runs/manage-limits";
import { limitsSchema } from "@/lib/runs/schemas";

export const GET = workspaceRoute("settings:read", async ({ db, access }) => getLimits(db, access.workspace.id));

export const PUT = workspaceRoute("limits:update", async ({ req, db, access }) => {
  await updateLimits(db, access, await parseJsonBody(req, limitsSchema));
  return getLimits(db, access.workspace.id);
});

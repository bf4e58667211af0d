import { workspaceRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { monthlyUsage } from "@/lib/usage/monthly-usage";
import { usageQuerySchema } from "@/lib/usage/schemas";

/** A month's tokens and cost by spec, person and model: the figures behind Settings → Limits (settings:read). */
export const GET = workspaceRoute("settings:read", async ({ req, db, access }) =>
  monthlyUsage(db, access.workspace.id, parseQuery(req.url, usageQuerySchema).month),
);

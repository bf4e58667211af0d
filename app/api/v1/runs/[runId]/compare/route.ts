import { z } from "zod";
import { resourceRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { compareRuns } from "@/lib/review/compare-runs";
import { runWorkspaceId } from "@/lib/runs/queries";

export const GET = resourceRoute<{ runId: string }>("run:read", (db, p) => runWorkspaceId(db, p.runId), async ({ req, db, access, params }) => {
  const { with: other } = parseQuery(req.url, z.object({ with: z.string().min(1).describe("the run to compare with (the earlier one)") }));
  return compareRuns(db, access.workspace.id, other, params.runId);
});

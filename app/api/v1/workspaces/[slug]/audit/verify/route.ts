import { getPool } from "@/lib/db";
import { workspaceRoute } from "@/lib/api/handler";
import { verifyAuditChains } from "@/lib/audit/verify";

export const GET = workspaceRoute("audit:verify", async ({ access }) => {
  const result = await verifyAuditChains(getPool(), { chain: access.workspace.id });
  return { ok: result.ok, events: result.events, firstBreak: result.breaks[0] ?? null };
});

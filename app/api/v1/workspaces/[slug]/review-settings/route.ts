import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { recordAudit } from "@/lib/audit/record";
import { reviewSettingsSchema } from "@/lib/review/schemas";

const FIELDS = { approvalsRequired: true, allowSelfApproval: true } as const;

export const GET = workspaceRoute("settings:read", async ({ db, access }) => ({
  settings: await db.workspace.findUniqueOrThrow({ where: { id: access.workspace.id }, select: FIELDS }),
}));

export const PUT = workspaceRoute("settings:update", async ({ req, db, access }) => {
  const input = await parseJsonBody(req, reviewSettingsSchema);
  const settings = await db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: access.workspace.id }, select: FIELDS });
    const after = await tx.workspace.update({ where: { id: access.workspace.id }, data: input, select: FIELDS });
    await recordAudit(tx, { actor: access.actor, action: "settings.review_changed", resourceType: "workspace", resourceId: access.workspace.id, workspaceId: access.workspace.id, before, after });
    return after;
  });
  return { settings };
});

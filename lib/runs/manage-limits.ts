import type { z } from "zod";
import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { recordAudit } from "@/lib/audit/record";
import { tokensUsedThisMonth } from "@/lib/runs/limits";
import type { limitsSchema } from "@/lib/runs/schemas";

const FIELDS = { monthlyTokenBudget: true, maxConcurrentRuns: true, runTriggersPerHour: true } as const;

export async function getLimits(db: Db, workspaceId: string) {
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: FIELDS });
  const active = await db.run.count({ where: { workspaceId, status: { in: ["queued", "running"] } } });
  return { limits: ws, usage: { tokensThisMonth: await tokensUsedThisMonth(db, workspaceId), activeRuns: active } };
}

/** Change the workspace's run limits, audited with before and after. */
export async function updateLimits(db: Db, access: WorkspaceAccess, input: z.infer<typeof limitsSchema>) {
  await db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: access.workspace.id }, select: FIELDS });
    const after = await tx.workspace.update({ where: { id: access.workspace.id }, data: input, select: FIELDS });
    await recordAudit(tx, { actor: access.actor, action: "limits.changed", resourceType: "workspace", resourceId: access.workspace.id, workspaceId: access.workspace.id, before, after });
  });
}

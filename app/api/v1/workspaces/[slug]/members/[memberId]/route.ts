import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { authorize } from "@/lib/rbac/authorize";
import { changeRole, removeMember } from "@/lib/members/manage";
import { changeRoleSchema } from "@/lib/members/schemas";

type P = { slug: string; memberId: string };

export const PATCH = workspaceRoute<P>("member:update", async ({ req, db, access, params }) => {
  const { role } = await parseJsonBody(req, changeRoleSchema);
  const m = await changeRole(db, access, params.memberId, role);
  return { member: { id: m.id, role: m.role } };
});

/** Remove a member; anyone may remove themselves (leave). */
export const DELETE = workspaceRoute<P>("workspace:read", async ({ db, access, params, principal, meta }) => {
  const self = await db.membership.findFirst({ where: { id: params.memberId, workspaceId: access.workspace.id, userId: principal.userId } });
  if (!self) await authorize(db, { principal, meta, scope: "member:remove", workspaceId: access.workspace.id });
  await removeMember(db, access, params.memberId);
  return new Response(null, { status: 204 });
});

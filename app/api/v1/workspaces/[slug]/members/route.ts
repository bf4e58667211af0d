import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { publicOrigin } from "@/lib/api/origin";
import { inviteMember, listMembers } from "@/lib/members/manage";
import { inviteSchema } from "@/lib/members/schemas";

export const GET = workspaceRoute("member:read", async ({ db, access }) => ({ members: await listMembers(db, access.workspace.id) }));

/** Invite someone by e-mail: answers the invitation with its one-time link (share it; it is not shown again). */
export const POST = workspaceRoute("member:invite", async ({ req, db, access }) => {
  const { invitation, secret } = await inviteMember(db, access, await parseJsonBody(req, inviteSchema));
  return Response.json(
    {
      invitation: { id: invitation.id, email: invitation.email, role: invitation.role, status: "pending", expiresAt: invitation.expiresAt.toISOString(), createdAt: invitation.createdAt.toISOString(), link: `${publicOrigin(req)}/invite/${secret}` },
    },
    { status: 201 },
  );
});

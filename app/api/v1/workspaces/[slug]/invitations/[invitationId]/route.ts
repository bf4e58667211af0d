import { workspaceRoute } from "@/lib/api/handler";
import { revokeInvitation } from "@/lib/members/manage";

export const DELETE = workspaceRoute<{ slug: string; invitationId: string }>("member:invite", async ({ db, access, params }) => {
  await revokeInvitation(db, access, params.invitationId);
  return new Response(null, { status: 204 });
});

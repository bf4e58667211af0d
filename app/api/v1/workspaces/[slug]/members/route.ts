import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { publicOrigin } from "@/lib/api/origin";
import { mailConfigFromEnv } from "@/lib/mail/config";
import { listMembers } from "@/lib/members/manage";
import { inviteWithEmail } from "@/lib/members/invite-with-email";
import { inviteSchema } from "@/lib/members/schemas";

export const GET = workspaceRoute("member:read", async ({ db, access }) => ({ members: await listMembers(db, access.workspace.id) }));

/**
 * Invite someone by e-mail: answers the invitation with its one-time link (share it; it is not shown again) and
 * whether the link was also e-mailed.
 */
export const POST = workspaceRoute("member:invite", async ({ req, db, access }) => {
  const input = await parseJsonBody(req, inviteSchema);
  return Response.json(await inviteWithEmail(db, access, input, { origin: publicOrigin(req), mail: mailConfigFromEnv() }), { status: 201 });
});

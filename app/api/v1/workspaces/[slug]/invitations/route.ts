import { workspaceRoute } from "@/lib/api/handler";
import { listInvitations } from "@/lib/members/invitations";

export const GET = workspaceRoute("member:invite", async ({ db, access }) => ({ invitations: await listInvitations(db, access.workspace.id) }));

import { workspaceRoute } from "@/lib/api/handler";
import { reviewInbox } from "@/lib/review/inbox";

export const GET = workspaceRoute("review:read", async ({ db, access }) => reviewInbox(db, access.workspace.id, access.principal.userId));

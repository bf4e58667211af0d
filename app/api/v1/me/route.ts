import { authedRoute } from "@/lib/api/handler";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";

export const GET = authedRoute(async ({ db, principal }) => ({
  user: { id: principal.userId, email: principal.email, name: principal.name },
  authenticatedBy: principal.kind === "token" ? { type: "token", id: principal.tokenId, scopes: principal.scopes } : { type: "session" },
  workspaces: (await listWorkspacesForUser(db, principal.userId)).filter(
    (w) => principal.kind !== "token" || !principal.workspaceId || principal.workspaceId === w.id,
  ),
}));

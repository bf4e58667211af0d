import { authedRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { actorFromPrincipal } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";
import { createWorkspaceSchema } from "@/lib/workspaces/schemas";

export const GET = authedRoute(async ({ db, principal }) => ({
  workspaces: (await listWorkspacesForUser(db, principal.userId)).filter(
    (w) => principal.kind !== "token" || !principal.workspaceId || principal.workspaceId === w.id,
  ),
}));

export const POST = authedRoute(async ({ req, db, principal, meta }) => {
  if (principal.kind === "token" && (principal.workspaceId || !principal.scopes.includes("admin"))) {
    throw new AppError("forbidden", "Creating a workspace needs a personal API token with the admin scope, or a signed-in user.");
  }
  const input = await parseJsonBody(req, createWorkspaceSchema);
  const workspace = await createWorkspace(db, { userId: principal.userId, actor: actorFromPrincipal(principal, meta), input });
  return Response.json({ workspace }, { status: 201 });
});

import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { createToken, createTokenSchema, listTokens } from "@/lib/tokens/manage";

export const GET = workspaceRoute("token:read", async ({ db, access }) => ({ tokens: await listTokens(db, access.workspace.id, access.principal.userId) }));

/** Create an API token; its secret is in this answer only. */
export const POST = workspaceRoute("token:create", async ({ req, db, access }) => {
  const input = await parseJsonBody(req, createTokenSchema);
  const { token, secret } = await createToken(db, access, input);
  return Response.json(
    { token: { id: token.id, name: token.name, prefix: token.prefix, scopes: token.scopes, personal: token.workspaceId === null, owner: access.principal.email, expiresAt: token.expiresAt?.toISOString() ?? null, lastUsedAt: null, revokedAt: null, createdAt: token.createdAt.toISOString(), secret } },
    { status: 201 },
  );
});

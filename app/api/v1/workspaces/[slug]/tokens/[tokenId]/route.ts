import { workspaceRoute } from "@/lib/api/handler";
import { revokeToken } from "@/lib/tokens/manage";

export const DELETE = workspaceRoute<{ slug: string; tokenId: string }>("token:revoke", async ({ db, access, params }) => {
  await revokeToken(db, access, params.tokenId);
  return new Response(null, { status: 204 });
});

import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { createProvider, listProviders } from "@/lib/providers/manage";
import { providerInputSchema } from "@/lib/providers/schemas";
import { toProviderView } from "@/lib/providers/views";

export const GET = workspaceRoute("provider:read", async ({ db, access }) => listProviders(db, access.workspace.id));

export const POST = workspaceRoute("provider:update", async ({ req, db, access }) => {
  const p = await createProvider(db, access, await parseJsonBody(req, providerInputSchema));
  return Response.json({ provider: toProviderView(p, null) }, { status: 201 });
});

import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { deleteProvider, updateProvider, useOfflineByDefault } from "@/lib/providers/manage";
import { providerUpdateSchema } from "@/lib/providers/schemas";
import { toProviderView } from "@/lib/providers/views";

type P = { slug: string; providerId: string };

export const PATCH = workspaceRoute<P>("provider:update", async ({ req, db, access, params }) => {
  const input = await parseJsonBody(req, providerUpdateSchema);
  if (params.providerId === "offline") {
    if (input.makeDefault) await useOfflineByDefault(db, access);
    return { provider: null, defaultProviderId: "offline" };
  }
  const p = await updateProvider(db, access, params.providerId, input);
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: access.workspace.id }, select: { defaultProviderId: true } });
  return { provider: toProviderView(p, ws.defaultProviderId) };
});

export const DELETE = workspaceRoute<P>("provider:update", async ({ db, access, params }) => {
  await deleteProvider(db, access, params.providerId);
  return new Response(null, { status: 204 });
});

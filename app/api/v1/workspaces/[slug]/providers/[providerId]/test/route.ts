import { workspaceRoute } from "@/lib/api/handler";
import { testProviderConnection } from "@/lib/providers/test-connection";

/** Send a one-line prompt to the provider and report what happened (latency, or the classified error). */
export const POST = workspaceRoute<{ slug: string; providerId: string }>("provider:update", async ({ db, access, params }) =>
  testProviderConnection(db, access.workspace.id, params.providerId),
);

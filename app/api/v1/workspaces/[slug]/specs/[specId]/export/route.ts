import { workspaceRoute } from "@/lib/api/handler";
import { getSpecOrThrow } from "@/lib/specs/queries";

export const GET = workspaceRoute<{ slug: string; specId: string }>("spec:read", async ({ db, access, params }) => {
  const spec = await getSpecOrThrow(db, access.workspace.id, params.specId);
  const file = `${spec.name.replace(/[^A-Za-z0-9._-]+/g, "_") || "spec"}.yaml`;
  return new Response(spec.content, {
    headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${file}"` },
  });
});

import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { getSpecOrThrow } from "@/lib/specs/queries";
import { updateSpecSchema } from "@/lib/specs/schemas";
import { updateSpec } from "@/lib/specs/update-spec";
import { toSpecDetail } from "@/lib/specs/views";
import { authorize } from "@/lib/rbac/authorize";

type P = { slug: string; specId: string };

export const GET = workspaceRoute<P>("spec:read", async ({ db, access, params }) => ({
  spec: toSpecDetail(await getSpecOrThrow(db, access.workspace.id, params.specId)),
}));

export const PATCH = workspaceRoute<P>("spec:write", async ({ req, db, access, params, principal, meta }) => {
  const input = await parseJsonBody(req, updateSpecSchema, 1_100_000);
  if (input.archived !== undefined) await authorize(db, { principal, meta, scope: "spec:archive", workspaceId: access.workspace.id });
  return { spec: toSpecDetail(await updateSpec(db, access, params.specId, input)) };
});

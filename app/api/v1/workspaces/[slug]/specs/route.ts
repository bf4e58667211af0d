import { workspaceRoute } from "@/lib/api/handler";
import { parseJsonBody, parseQuery } from "@/lib/api/body";
import { createSpec } from "@/lib/specs/create-spec";
import { listSpecs } from "@/lib/specs/queries";
import { createSpecSchema, listSpecsQuerySchema } from "@/lib/specs/schemas";
import { toSpecDetail, toSpecSummary } from "@/lib/specs/views";

export const GET = workspaceRoute("spec:read", async ({ req, db, access }) => {
  const { specs, nextCursor } = await listSpecs(db, access.workspace.id, parseQuery(req.url, listSpecsQuerySchema));
  return { specs: specs.map(toSpecSummary), nextCursor };
});

export const POST = workspaceRoute("spec:write", async ({ req, db, access }) => {
  const spec = await createSpec(db, access, await parseJsonBody(req, createSpecSchema, 1_100_000));
  return Response.json({ spec: toSpecDetail({ ...spec, revisions: [] }) }, { status: 201 });
});

import { getPool } from "@/lib/db";
import { workspaceRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { recordAudit } from "@/lib/audit/record";
import { auditExportQuerySchema, EXPORT_CONTENT_TYPES, exportAuditLines, exportFileName, exportWhereSql, linesToStream } from "@/lib/audit/export";

/**
 * Download the workspace's audit trail (or the part matching the list filters) as JSON Lines or CSV, oldest first,
 * streamed: GET …/audit/export?format=jsonl|csv&action=&actor=&resourceType=&resourceId=&q=&from=&to=.
 * The export is recorded (audit.exported) first and covers the trail up to and including that event.
 */
export const GET = workspaceRoute("audit:read", async ({ req, db, access }) => {
  const query = parseQuery(req.url, auditExportQuerySchema);
  const { format, ...filters } = query;
  exportWhereSql(access.workspace.id, filters); // validates the filters (from after to…) before anything is recorded
  const event = await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: access.actor,
      action: "audit.exported",
      resourceType: "audit_trail",
      resourceId: access.workspace.id,
      workspaceId: access.workspace.id,
      metadata: { format, filters },
    }),
  );
  const body = linesToStream(exportAuditLines(getPool(), access.workspace.id, query, { untilId: event.id }));
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": EXPORT_CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${exportFileName(access.workspace.slug, format)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

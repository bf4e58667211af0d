import { workspaceRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { auditListQuerySchema, listAuditEvents } from "@/lib/audit/queries";

export const GET = workspaceRoute("audit:read", async ({ req, db, access }) =>
  listAuditEvents(db, access.workspace.id, parseQuery(req.url, auditListQuerySchema)),
);

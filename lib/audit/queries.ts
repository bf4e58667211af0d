import { z } from "zod";
import type { DbTx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

export const auditListQuerySchema = z.object({
  cursor: z.string().regex(/^\d+$/, "cursor must be the nextCursor of a previous page").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().max(100).optional().describe("exact action, or a prefix ending in '.' such as 'spec.'"),
  actor: z.string().max(200).optional().describe("actor id (user or token id)"),
  resourceType: z.string().max(100).optional(),
  resourceId: z.string().max(200).optional(),
  q: z.string().max(200).optional().describe("search in action, actor label and resource id"),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  occurredAt: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  action: z.string(),
  resource: z.object({ type: z.string(), id: z.string().nullable() }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  metadata: z.unknown(),
  hash: z.string(),
});
export type AuditEventView = z.infer<typeof auditEventSchema>;

type Row = Prisma.AuditEventGetPayload<object>;

export function toAuditView(e: Row): AuditEventView {
  return {
    id: e.id.toString(),
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    actor: { type: e.actorType, id: e.actorId, label: e.actorLabel },
    action: e.action,
    resource: { type: e.resourceType, id: e.resourceId },
    ip: e.ip,
    userAgent: e.userAgent,
    before: e.before,
    after: e.after,
    metadata: e.metadata,
    hash: e.hash,
  };
}

/** Prisma passes contains/startsWith values into LIKE unescaped: make % and _ (and the escape, \\) match literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function auditWhere(workspaceId: string, q: Omit<AuditListQuery, "limit" | "cursor">): Prisma.AuditEventWhereInput {
  if (q.from && q.to && new Date(q.from) > new Date(q.to)) {
    throw new AppError("validation_failed", "`from` is after `to`: swap them.", { from: q.from, to: q.to });
  }
  return {
    workspaceId,
    ...(q.action ? { action: q.action.endsWith(".") ? { startsWith: likeLiteral(q.action) } : q.action } : {}),
    ...(q.actor ? { actorId: q.actor } : {}),
    ...(q.resourceType ? { resourceType: q.resourceType } : {}),
    ...(q.resourceId ? { resourceId: q.resourceId } : {}),
    ...(q.from || q.to ? { occurredAt: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) } } : {}),
    ...(q.q
      ? {
          OR: [
            { action: { contains: likeLiteral(q.q), mode: "insensitive" as const } },
            { actorLabel: { contains: likeLiteral(q.q), mode: "insensitive" as const } },
            { resourceId: { contains: likeLiteral(q.q) } },
          ],
        }
      : {}),
  };
}

/** Newest first, keyset-paginated on the event id so a deep page costs what the first one does. */
export async function listAuditEvents(db: DbTx, workspaceId: string, q: AuditListQuery) {
  const where = auditWhere(workspaceId, q);
  if (q.cursor) where.id = { lt: BigInt(q.cursor) };
  const rows = await db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return {
    events: page.map(toAuditView),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id.toString() : null,
  };
}

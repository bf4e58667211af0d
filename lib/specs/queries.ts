import type { DbTx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { z } from "zod";
import type { listSpecsQuerySchema } from "@/lib/specs/schemas";

const latestRevision = { orderBy: { number: "desc" as const }, take: 1, select: { id: true, number: true, valid: true, createdAt: true } };

/** A spec of this workspace, or not_found: ids from other workspaces are never found. */
export async function getSpecOrThrow(db: DbTx, workspaceId: string, specId: string) {
  const spec = await db.spec.findFirst({ where: { id: specId, workspaceId }, include: { revisions: latestRevision } });
  if (!spec) throw new AppError("not_found", "Spec was not found.");
  return spec;
}

/** Specs by most recently changed, searched by name; keyset-paginated on (updatedAt, id). */
export async function listSpecs(db: DbTx, workspaceId: string, q: z.infer<typeof listSpecsQuerySchema>) {
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await db.spec.findMany({
    where: {
      workspaceId,
      ...(q.archived === "all" ? {} : { archivedAt: q.archived === "true" ? { not: null } : null }),
      ...(q.q ? { name: { contains: q.q, mode: "insensitive" as const } } : {}),
      ...(cursor ? { OR: [{ updatedAt: { lt: cursor.at } }, { updatedAt: cursor.at, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    include: { revisions: latestRevision },
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { specs: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.updatedAt, last.id) : null };
}

const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");

function decodeCursor(c: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(c, "base64url").toString().split("|");
  const date = new Date(at ?? "");
  if (!id || Number.isNaN(date.getTime())) throw new AppError("validation_failed", "cursor must be the nextCursor of a previous page");
  return { at: date, id };
}

export async function listRevisions(db: DbTx, specId: string) {
  return db.specRevision.findMany({ where: { specId }, orderBy: { number: "desc" } });
}

export async function getRevisionOrThrow(db: DbTx, specId: string, revisionId: string) {
  const rev = await db.specRevision.findFirst({ where: { id: revisionId, specId } });
  if (!rev) throw new AppError("not_found", "Revision was not found.");
  return rev;
}

import type { z } from "zod";
import type { DbTx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { listRunsQuerySchema } from "@/lib/runs/schemas";

/** A run of this workspace, or not_found. */
export async function getRunOrThrow(db: DbTx, workspaceId: string, runId: string) {
  const run = await db.run.findFirst({ where: { id: runId, workspaceId } });
  if (!run) throw new AppError("not_found", "Run was not found.");
  return run;
}

/** The workspace a run belongs to (for authorizing /api/v1/runs/<id>), or not_found. */
export async function runWorkspaceId(db: DbTx, runId: string): Promise<string> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { workspaceId: true } });
  if (!run) throw new AppError("not_found", "Run was not found.");
  return run.workspaceId;
}

/** Newest first, keyset-paginated on (createdAt, id). */
export async function listRuns(db: DbTx, workspaceId: string, q: z.infer<typeof listRunsQuerySchema>) {
  let cursor: { at: Date; id: string } | null = null;
  if (q.cursor) {
    const [at, id] = Buffer.from(q.cursor, "base64url").toString().split("|");
    if (!id || Number.isNaN(new Date(at).getTime())) throw new AppError("validation_failed", "cursor must be the nextCursor of a previous page");
    cursor = { at: new Date(at), id };
  }
  const where: Prisma.RunWhereInput = {
    workspaceId,
    ...(q.status ? { status: q.status } : {}),
    ...(q.specId ? { specId: q.specId } : {}),
    ...(q.triggeredBy ? { triggeredById: q.triggeredBy } : {}),
    ...(q.provider ? { OR: [{ providerKind: q.provider }, { providerName: q.provider }] } : {}),
    ...(q.from || q.to ? { createdAt: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) } } : {}),
    ...(cursor ? { AND: [{ OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }] } : {}),
  };
  const rows = await db.run.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { runs: page, nextCursor: rows.length > q.limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString("base64url") : null };
}

export async function listRunEvents(db: DbTx, runId: string, afterSeq: number, limit: number, includeTokens = true) {
  return db.runEvent.findMany({
    where: { runId, seq: { gt: afterSeq }, ...(includeTokens ? {} : { type: { not: "token" } }) },
    orderBy: { seq: "asc" },
    take: limit,
  });
}

interface LogRow {
  seq: number | null;
  type: string | null;
  stepKey: string | null;
  data: unknown;
  createdAt: Date | null;
  lastSeq: number;
}

/**
 * A run's event log as a page needs it: every event but the tokens of steps that succeeded (their stored files say
 * more than thousands of chunks; a running, failed or cancelled step keeps its tokens, which are all it has to show),
 * and the last seq of the whole log, read in one statement so the two agree.
 */
export async function runEventLog(db: DbTx, runId: string) {
  const rows = await db.$queryRaw<LogRow[]>`
    WITH last AS (SELECT coalesce(max(seq), 0)::int AS seq FROM run_events WHERE run_id = ${runId})
    SELECT e.seq, e.type, e.step_key AS "stepKey", e.data, e.created_at AS "createdAt", last.seq AS "lastSeq"
    FROM last
    LEFT JOIN run_events e ON e.run_id = ${runId} AND e.seq <= last.seq AND (
      e.type <> 'token' OR e.step_key IN (SELECT step_key FROM run_steps WHERE run_id = ${runId} AND status <> 'succeeded')
    )
    ORDER BY e.seq`;
  const lastSeq = rows[0]?.lastSeq ?? 0;
  const events = rows
    .filter((r) => r.seq !== null)
    .map((r) => ({ seq: r.seq!, type: r.type!, step: r.stepKey, at: r.createdAt!.toISOString(), data: r.data as Record<string, unknown> | null }));
  return { events, lastSeq };
}

import { resourceRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { sseResponse } from "@/lib/http/sse";
import { runWorkspaceId } from "@/lib/runs/queries";
import { tailRunEvents } from "@/lib/runs/stream";

export const dynamic = "force-dynamic";

/** The run's events as Server-Sent Events, each with its seq as id; resumes after Last-Event-ID (or ?lastEventId). */
export const GET = resourceRoute<{ runId: string }>("run:read", (db, p) => runWorkspaceId(db, p.runId), async ({ req, params }) => {
  const raw = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId") ?? "0";
  const after = Number(raw);
  if (!Number.isInteger(after) || after < 0) throw new AppError("bad_request", "Last-Event-ID must be the id of an event of this stream.");
  return sseResponse(req.signal, (send, close) => tailRunEvents(params.runId, after, send, close));
});

import { resourceRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { listRunEvents, runWorkspaceId } from "@/lib/runs/queries";
import { runEventsQuerySchema } from "@/lib/runs/schemas";
import { toRunEventView } from "@/lib/runs/views";

export const GET = resourceRoute<{ runId: string }>("run:read", (db, p) => runWorkspaceId(db, p.runId), async ({ req, db, params }) => {
  const q = parseQuery(req.url, runEventsQuerySchema);
  const events = await listRunEvents(db, params.runId, q.cursor, q.limit + 1, q.includeTokens === "true");
  const page = events.slice(0, q.limit);
  return { events: page.map(toRunEventView), nextCursor: events.length > q.limit ? String(page[page.length - 1].seq) : null };
});

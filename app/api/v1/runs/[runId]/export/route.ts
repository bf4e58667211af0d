import { resourceRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { exportRun } from "@/lib/review/export";
import { exportQuerySchema } from "@/lib/review/schemas";
import { runWorkspaceId } from "@/lib/runs/queries";

/** The approved modules as a .zip with a README, or as a patch against the spec's previous export. */
export const GET = resourceRoute<{ runId: string }>("export:download", (db, p) => runWorkspaceId(db, p.runId), async ({ req, db, access, params }) => {
  const q = parseQuery(req.url, exportQuerySchema);
  const out = await exportRun(db, access, params.runId, { format: q.format, all: q.all === "true" });
  return new Response(new Uint8Array(typeof out.body === "string" ? Buffer.from(out.body) : out.body), {
    headers: { "content-type": out.contentType, "content-disposition": `attachment; filename="${out.filename}"`, "cache-control": "no-store" },
  });
});

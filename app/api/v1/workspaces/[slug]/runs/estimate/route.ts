import { z } from "zod";
import { workspaceRoute } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/body";
import { AppError } from "@/lib/errors";
import { estimateRun } from "@/lib/llm/prompts";
import { resolveProvider } from "@/lib/providers/resolve";
import { validateSpec } from "@/lib/specs/format";
import { getSpecOrThrow } from "@/lib/specs/queries";
import { pickRevision } from "@/lib/runs/trigger-run";

const querySchema = z.object({ specId: z.string(), revisionId: z.string().optional(), provider: z.string().optional(), model: z.string().optional() });

/** Tokens and cost a run would use, before it is started. */
export const GET = workspaceRoute("run:read", async ({ req, db, access }) => {
  const q = parseQuery(req.url, querySchema);
  await getSpecOrThrow(db, access.workspace.id, q.specId);
  const revision = await pickRevision(db, q.specId, q.revisionId);
  const spec = validateSpec(revision.content).spec;
  if (!spec) throw new AppError("validation_failed", `Revision #${revision.number} is not valid, so it cannot be run.`);
  const provider = await resolveProvider(db, access.workspace.id, { provider: q.provider, model: q.model });
  const estimate = estimateRun(spec, provider.prices);
  return { revision: { id: revision.id, number: revision.number }, provider: { kind: provider.kind, name: provider.name, model: provider.model, isLlm: provider.kind !== "offline", hasPrices: !!provider.prices }, ...estimate };
});

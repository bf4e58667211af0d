import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RunView } from "@/components/runs/run-view";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { roleCan } from "@/lib/rbac/permissions";
import { getRunOrThrow, runEventLog } from "@/lib/runs/queries";
import { toRunDetail, toRunEventSnapshot } from "@/lib/runs/views";
import type { RunDetail } from "@/lib/runs/client/types";

type Params = Promise<{ workspace: string; runId: string }>;

// Once per request: the metadata and the page both need the run.
const loadRun = cache(async (workspace: string, runId: string) => {
  const access = await authorizePage(workspace, "run:read");
  try {
    return { access, run: await getRunOrThrow(getDb(), access.workspace.id, runId) };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { workspace, runId } = await params;
  const { run } = await loadRun(workspace, runId);
  return { title: `Run #${run.number} · ${run.specName}` };
}

export default async function RunPage({ params }: { params: Params }) {
  const { workspace, runId } = await params;
  const { access, run: row } = await loadRun(workspace, runId);
  const db = getDb();
  // The log comes with the page, so the timeline is drawn at once instead of after replaying every event.
  const [steps, log] = await Promise.all([db.runStep.findMany({ where: { runId: row.id } }), runEventLog(db, row.id)]);
  const run = toRunDetail(row, steps) as unknown as RunDetail;
  return (
    <RunView
      key={run.id}
      slug={access.workspace.slug}
      initialRun={run}
      initialLog={toRunEventSnapshot(log)}
      canCancel={roleCan(access.role, "run:cancel")}
      canTrigger={roleCan(access.role, "run:trigger")}
    />
  );
}

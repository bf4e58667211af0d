import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunView } from "@/components/runs/run-view";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { roleCan } from "@/lib/rbac/permissions";
import { getRunOrThrow, runEventLog } from "@/lib/runs/queries";
import { toRunDetail, toRunEventSnapshot } from "@/lib/runs/views";
import type { RunDetail } from "@/lib/runs/client/types";

type Params = Promise<{ workspace: string; runId: string }>;

async function load(params: Params, withLog = false) {
  const { workspace, runId } = await params;
  const access = await authorizePage(workspace, "run:read");
  const db = getDb();
  try {
    const run = await getRunOrThrow(db, access.workspace.id, runId);
    // The log comes with the page, so the timeline is drawn at once instead of after replaying every event.
    const [steps, log] = await Promise.all([db.runStep.findMany({ where: { runId: run.id } }), withLog ? runEventLog(db, run.id) : null]);
    return { access, run: toRunDetail(run, steps) as unknown as RunDetail, log: log ? toRunEventSnapshot(log) : null };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { run } = await load(params);
  return { title: `Run #${run.number} · ${run.spec.name}` };
}

export default async function RunPage({ params }: { params: Params }) {
  const { access, run, log } = await load(params, true);
  return (
    <RunView
      key={run.id}
      slug={access.workspace.slug}
      initialRun={run}
      initialLog={log!}
      canCancel={roleCan(access.role, "run:cancel")}
      canTrigger={roleCan(access.role, "run:trigger")}
    />
  );
}

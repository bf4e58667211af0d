import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunView } from "@/components/runs/run-view";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { roleCan } from "@/lib/rbac/permissions";
import { getRunOrThrow } from "@/lib/runs/queries";
import { toRunDetail } from "@/lib/runs/views";
import type { RunDetail } from "@/lib/runs/client/types";

type Params = Promise<{ workspace: string; runId: string }>;

async function load(params: Params) {
  const { workspace, runId } = await params;
  const access = await authorizePage(workspace, "run:read");
  const db = getDb();
  try {
    const run = await getRunOrThrow(db, access.workspace.id, runId);
    const steps = await db.runStep.findMany({ where: { runId: run.id } });
    return { access, run: toRunDetail(run, steps) as unknown as RunDetail };
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
  const { access, run } = await load(params);
  return (
    <RunView
      key={run.id}
      slug={access.workspace.slug}
      initialRun={run}
      canCancel={roleCan(access.role, "run:cancel")}
      canTrigger={roleCan(access.role, "run:trigger")}
    />
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CompareView } from "@/components/review/compare-view";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { compareRuns } from "@/lib/review/compare-runs";
import { getRunOrThrow } from "@/lib/runs/queries";
import { toRunSummary } from "@/lib/runs/views";
import type { ReviewRun, RunComparison } from "@/lib/review/client/types";

type Params = Promise<{ workspace: string; runId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

async function load(params: Params) {
  const { workspace, runId } = await params;
  const access = await authorizePage(workspace, "run:read");
  const db = getDb();
  try {
    return { access, db, run: await getRunOrThrow(db, access.workspace.id, runId) };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { run } = await load(params);
  return { title: `Compare run #${run.number} · ${run.specName}` };
}

export default async function CompareRunsPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { access, db, run } = await load(params);
  const q = await searchParams;
  const asked = (Array.isArray(q.with) ? q.with[0] : q.with) || null;
  const others = await db.run.findMany({ where: { workspaceId: access.workspace.id, specId: run.specId, id: { not: run.id } }, orderBy: { createdAt: "desc" }, take: 100 });
  // By default: the run this one re-ran, else the spec's run before it, else its newest other run.
  const fallback = (run.rerunOfId && others.find((r) => r.id === run.rerunOfId)) || others.find((r) => r.createdAt < run.createdAt) || others[0];
  const withId = asked ?? fallback?.id ?? null;
  let initial: RunComparison | null = null;
  if (withId) {
    try {
      initial = (await compareRuns(db, access.workspace.id, withId, run.id)) as RunComparison;
    } catch (err) {
      if (!(err instanceof AppError && err.code === "not_found")) throw err;
    }
  }
  return (
    <CompareView
      key={run.id}
      slug={access.workspace.slug}
      run={toRunSummary(run) as ReviewRun}
      runs={others.map((r) => toRunSummary(r) as ReviewRun)}
      initialWith={withId}
      initialData={initial}
    />
  );
}

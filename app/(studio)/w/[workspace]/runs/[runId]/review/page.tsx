import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ReviewView } from "@/components/review/review-view";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { roleCan } from "@/lib/rbac/permissions";
import { moduleDetail, runReview } from "@/lib/review/views";
import { initialModuleId } from "@/lib/review/client/tree";
import { getRunOrThrow } from "@/lib/runs/queries";
import { toRunSummary } from "@/lib/runs/views";
import type { ModuleDetail, ReviewRun, RunReview } from "@/lib/review/client/types";

type Params = Promise<{ workspace: string; runId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

// Once per request: the metadata and the page both need the run.
const loadRun = cache(async (workspace: string, runId: string) => {
  const access = await authorizePage(workspace, "review:read");
  const db = getDb();
  try {
    return { access, db, run: await getRunOrThrow(db, access.workspace.id, runId) };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { workspace, runId } = await params;
  const { run } = await loadRun(workspace, runId);
  return { title: `Review run #${run.number} · ${run.specName}` };
}

export default async function RunReviewPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { workspace, runId } = await params;
  const { access, db, run } = await loadRun(workspace, runId);
  const q = await searchParams;
  const [review, steps, previous] = await Promise.all([
    runReview(db, run),
    db.runStep.findMany({ where: { runId: run.id }, orderBy: { position: "asc" }, select: { stepKey: true } }),
    db.run.findFirst({ where: { workspaceId: access.workspace.id, specId: run.specId, createdAt: { lt: run.createdAt } }, orderBy: { createdAt: "desc" }, select: { id: true } }),
  ]);
  // The file the page opens on comes with it: its code and threads are in the first paint, not a request later.
  const stepOrder = steps.map((s) => s.stepKey);
  const openId = initialModuleId((review as RunReview).modules, stepOrder, one(q.module));
  const openModule = openId ? ((await moduleDetail(db, access.workspace.id, openId)) as unknown as ModuleDetail) : null;
  const line = Number(one(q.line));
  const tab = one(q.tab);
  return (
    <ReviewView
      key={run.id}
      slug={access.workspace.slug}
      run={toRunSummary(run) as ReviewRun}
      stepOrder={stepOrder}
      initialReview={review as RunReview}
      initialModule={openModule}
      permissions={{
        userId: access.principal.userId,
        role: access.role,
        canComment: roleCan(access.role, "review:comment"),
        canDecide: roleCan(access.role, "review:decide"),
        canExport: roleCan(access.role, "export:download"),
        canTrigger: roleCan(access.role, "run:trigger"),
        triggeredRun: run.triggeredById === access.principal.userId,
      }}
      initial={{
        module: one(q.module),
        tab: tab === "diff" ? "diff" : "code",
        line: Number.isInteger(line) && line > 0 ? line : undefined,
        comment: one(q.comment),
        against: one(q.against),
      }}
      compareWith={run.rerunOfId ?? previous?.id ?? null}
    />
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReviewView } from "@/components/review/review-view";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { roleCan } from "@/lib/rbac/permissions";
import { runReview } from "@/lib/review/views";
import { getRunOrThrow } from "@/lib/runs/queries";
import { toRunSummary } from "@/lib/runs/views";
import type { ReviewRun, RunReview } from "@/lib/review/client/types";

type Params = Promise<{ workspace: string; runId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

async function load(params: Params) {
  const { workspace, runId } = await params;
  const access = await authorizePage(workspace, "review:read");
  const db = getDb();
  try {
    const run = await getRunOrThrow(db, access.workspace.id, runId);
    return { access, db, run };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { run } = await load(params);
  return { title: `Review run #${run.number} · ${run.specName}` };
}

export default async function RunReviewPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { access, db, run } = await load(params);
  const q = await searchParams;
  const [review, steps, previous] = await Promise.all([
    runReview(db, run),
    db.runStep.findMany({ where: { runId: run.id }, orderBy: { position: "asc" }, select: { stepKey: true } }),
    db.run.findFirst({ where: { workspaceId: access.workspace.id, specId: run.specId, createdAt: { lt: run.createdAt } }, orderBy: { createdAt: "desc" }, select: { id: true } }),
  ]);
  const line = Number(one(q.line));
  const tab = one(q.tab);
  return (
    <ReviewView
      key={run.id}
      slug={access.workspace.slug}
      run={toRunSummary(run) as ReviewRun}
      stepOrder={steps.map((s) => s.stepKey)}
      initialReview={review as RunReview}
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

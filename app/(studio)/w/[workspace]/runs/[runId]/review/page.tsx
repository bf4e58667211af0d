import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ReviewView } from "@/components/review/review-view";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { roleCan } from "@/lib/rbac/permissions";
import { moduleDetail, runReview } from "@/lib/review/views";
import { htmlLines } from "@/lib/review/client/highlight";
import { groupByStep, initialModuleId, treeNeighbours } from "@/lib/review/client/tree";
import { getRunOrThrow } from "@/lib/runs/queries";
import { toRunSummary } from "@/lib/runs/views";
import type { ModuleDetail, ReviewRun, RunReview } from "@/lib/review/client/types";

type Params = Promise<{ workspace: string; runId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

// Larger files are highlighted in the browser, as before: their highlighted HTML would double a large page.
const SERVER_HIGHLIGHT_CHARS = 200_000;

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
  // So do its neighbours in the tree, where a reviewer goes next: fetched after hydration, they were a request on
  // the way of the first click. All three come highlighted, so the browser has no grammar to load for them.
  const stepOrder = steps.map((s) => s.stepKey);
  const modules = (review as RunReview).modules;
  const openId = initialModuleId(modules, stepOrder, one(q.module));
  const ordered = groupByStep(modules, stepOrder).flatMap((g) => g.modules);
  const ids = openId ? [openId, ...treeNeighbours(ordered, openId).map((m) => m.id)] : [];
  const initialModules = (await Promise.all(ids.map((id) => moduleDetail(db, access.workspace.id, id)))) as unknown as ModuleDetail[];
  const initialHtml: Record<string, string[] | null> = {};
  await Promise.all(
    initialModules
      .filter((d) => d.module.content.length <= SERVER_HIGHLIGHT_CHARS)
      .map(async (d) => {
        try {
          initialHtml[d.module.id] = await htmlLines(d.module.content, d.module.language);
        } catch {
          // left to the browser, which highlights what it was not given
        }
      }),
  );
  const line = Number(one(q.line));
  const tab = one(q.tab);
  return (
    <ReviewView
      key={run.id}
      slug={access.workspace.slug}
      run={toRunSummary(run) as ReviewRun}
      stepOrder={stepOrder}
      initialReview={review as RunReview}
      initialModules={initialModules}
      initialHtml={initialHtml}
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

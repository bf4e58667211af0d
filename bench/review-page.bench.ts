// The review page of a run with 50 modules and 500 comments (issue 5): time until it is usable in Chromium.
//
// Fixture (bench/lib/page-fixtures.ts): a succeeded run of a 25-step spec: 51 files (module and test per step, and
// the flow) as the offline scaffolder writes them; 500 review comments spread over every file in threads of a root
// and up to three replies, a third of them resolved, some @mentioning a reviewer; decisions on every other file
// after the first two; and a later revision of the spec that rewords the first step (its files are stale). Baseline,
// same run of the bench: a 2-step run (5 files), no comments, same later revision.
//
// "Usable": the file tree lists every file; the first file (the one the page opens: the first step's module, still
// pending) shows all its code lines and all its comment threads; and the page answers input: a click on the next
// file in the tree (made inside the page as soon as the first file is drawn) has selected it and drawn its code
// lines and threads. Both instants are the frame after the DOM first shows them, timed in the page from navigation
// start (performance.now()), with the studio's production build (`npm start`, no worker) on the bench database and a
// signed-in reviewer session. One warm-up load, then ROUNDS loads in new pages; median. The figure is the second
// instant; the first ("first file drawn") is a figure too.
import { openRunsBenchDb } from "./lib/runs-fixture";
import { benchSpecYaml, insertFinishedRun, insertReviewActivity, makePageBenchWorkspace, treeOrder, type BenchRun, type CommentPlan } from "./lib/page-fixtures";
import { launchChromium, signedInContext, startStudio, timeRounds, type Check, type PagePlan } from "./lib/studio-browser";
import { emit, log } from "./lib/report";
import { percentile } from "./lib/stats";

const ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 7);
const STEPS = Number(process.env.BENCH_REVIEW_PAGE_STEPS ?? 25);
const COMMENTS = Number(process.env.BENCH_REVIEW_PAGE_COMMENTS ?? 500);
const TWEAK = "\n        Also say which step refused it.";

function fileDrawn(m: BenchRun["modules"][number], threads: number): Check[] {
  const code = `[data-testid="code-review"][data-path="${m.path}"]`;
  return [{ selector: `${code} [data-line-row]`, count: m.lines }, ...(threads ? [{ selector: `${code} [data-testid="thread"]`, count: threads }] : [])];
}

function plan(run: BenchRun, comments: CommentPlan | null): PagePlan {
  const [first, second] = treeOrder(run);
  const threads = (id: string) => comments?.threads.get(id) ?? 0;
  return {
    ready: [{ selector: '[data-testid="module-tree"] button[data-module-id]', count: run.modules.length }, ...fileDrawn(first, threads(first.id))],
    click: `[data-testid="module-tree"] button[data-module-id="${second.id}"]`,
    after: [{ selector: `[data-testid="module-tree"] button[data-module-id="${second.id}"][aria-current="true"]`, count: 1 }, ...fileDrawn(second, threads(second.id))],
  };
}

const url = await openRunsBenchDb();
const ws = await makePageBenchWorkspace("reviewpage");
const big = await insertFinishedRun(ws, benchSpecYaml(STEPS), { targetEvents: 0, retrySteps: 0, extraRevisionYaml: benchSpecYaml(STEPS, TWEAK) });
const comments = await insertReviewActivity(ws, big, COMMENTS);
const small = await insertFinishedRun(ws, benchSpecYaml(2), { targetEvents: 0, retrySteps: 0, extraRevisionYaml: benchSpecYaml(2, TWEAK) });
log(`fixture: ${big.modules.length} files with ${comments.total} comments; baseline ${small.modules.length} files, no comments`);

const studio = await startStudio(url);
const browser = await launchChromium();
try {
  const context = await signedInContext(browser, studio, ws.reviewers[0].id);
  const page = (r: BenchRun) => `${studio.base}/w/${ws.slug}/runs/${r.runId}/review`;
  const smallT = await timeRounds(context, page(small), plan(small, null), ROUNDS, `small run (${small.modules.length} files), first file drawn / hydrated / click answered`);
  const bigT = await timeRounds(context, page(big), plan(big, comments), ROUNDS, `big run (${big.modules.length} files, ${comments.total} comments), first file drawn / hydrated / click answered`);
  if (process.env.BENCH_SCREENSHOTS) {
    const p = await context.newPage();
    await p.goto(page(big));
    await p.waitForSelector('[data-testid="code-review"] [data-testid="thread"]');
    await p.screenshot({ path: `${process.env.BENCH_SCREENSHOTS}/review-page-${big.modules.length}-files.png`, fullPage: false });
    log(`screenshot in ${process.env.BENCH_SCREENSHOTS}`);
  }
  const baseline_name = `the same page for a 2-step run (${small.modules.length} files, no comments), same studio, same run`;
  emit({ name: "review-page.usable_50_modules_500_comments", value: percentile(bigT.map((t) => t.after!), 50), unit: "ms", baseline: percentile(smallT.map((t) => t.after!), 50), baseline_name, goal: "under 1000 ms" });
  emit({ name: "review-page.first_file_drawn_50_modules_500_comments", value: percentile(bigT.map((t) => t.ready), 50), unit: "ms", baseline: percentile(smallT.map((t) => t.ready), 50), baseline_name, goal: "under 1000 ms (part of usable)" });
} finally {
  await browser.close();
  await studio.stop();
}
process.exit(0);

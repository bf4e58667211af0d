// The run page of a finished run with 5,000 events (issue 4): time until its timeline is drawn in Chromium.
//
// Fixture (bench/lib/page-fixtures.ts): a succeeded run of a 40-step spec (plus the flow), steps four at a time, 3 of
// them retried after a 429, each model call with its full prompt and its answer streamed as token events, 5,000 events
// in all (≈ 4,700 of them tokens); the modules the offline scaffolder writes for it. Baseline, same run of the bench:
// a 4-step run with 40 events.
//
// "Drawn": the timeline shows every step as a succeeded bar, the retry marks of the retried steps, and has applied
// the run's whole event log (its data-last-seq is the run's last event), in the frame after the DOM first says so.
// Timed in the page from navigation start (performance.now()), with the studio's production build (`npm start`,
// no worker) on the bench database and a signed-in session. One warm-up load, then ROUNDS loads in new pages; median.
import { openRunsBenchDb } from "./lib/runs-fixture";
import { benchSpecYaml, insertFinishedRun, makePageBenchWorkspace, type BenchRun } from "./lib/page-fixtures";
import { launchChromium, signedInContext, startStudio, timeRounds, type PagePlan } from "./lib/studio-browser";
import { emit, log } from "./lib/report";
import { percentile } from "./lib/stats";

const ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 7);
const EVENTS = Number(process.env.BENCH_RUN_PAGE_EVENTS ?? 5000);
const STEPS = Number(process.env.BENCH_RUN_PAGE_STEPS ?? 40);

function plan(run: BenchRun): PagePlan {
  const tl = '[data-testid="run-timeline"]';
  return {
    ready: [
      { selector: `${tl}[data-last-seq="${run.lastSeq}"]`, count: 1 },
      { selector: `${tl} button[data-step][data-status="succeeded"]`, count: run.stepKeys.length },
      ...(run.retries ? [{ selector: `${tl} [title^="retry after attempt"]`, count: run.retries }] : []),
    ],
  };
}

const url = await openRunsBenchDb();
const ws = await makePageBenchWorkspace("runpage");
log(`fixture: a ${STEPS}-step run with ${EVENTS} events, and a 4-step run with 40`);
const big = await insertFinishedRun(ws, benchSpecYaml(STEPS), { targetEvents: EVENTS, retrySteps: 3 });
const small = await insertFinishedRun(ws, benchSpecYaml(4), { targetEvents: 40, retrySteps: 0 });
log(`  big: ${big.events} events, ${big.stepKeys.length} steps, ${big.modules.length} modules; small: ${small.events} events`);

const studio = await startStudio(url);
const browser = await launchChromium();
try {
  const context = await signedInContext(browser, studio, ws.owner.id);
  const page = (r: BenchRun) => `${studio.base}/w/${ws.slug}/runs/${r.runId}`;
  const smallT = await timeRounds(context, page(small), plan(small), ROUNDS, `small run (${small.events} events), drawn`);
  const bigT = await timeRounds(context, page(big), plan(big), ROUNDS, `big run (${big.events} events), drawn`);
  if (process.env.BENCH_SCREENSHOTS) {
    const p = await context.newPage();
    await p.goto(page(big));
    await p.waitForSelector(`[data-testid="run-timeline"][data-last-seq="${big.lastSeq}"]`);
    await p.screenshot({ path: `${process.env.BENCH_SCREENSHOTS}/run-page-${EVENTS}.png`, fullPage: true });
    log(`screenshot in ${process.env.BENCH_SCREENSHOTS}`);
  }
  emit({
    name: "run-page.timeline_drawn_5000_events",
    value: percentile(bigT.map((t) => t.ready), 50),
    unit: "ms",
    baseline: percentile(smallT.map((t) => t.ready), 50),
    baseline_name: `the same page for a 4-step run with ${small.events} events, same studio, same run`,
    goal: "under 1000 ms",
  });
} finally {
  await browser.close();
  await studio.stop();
}
process.exit(0);

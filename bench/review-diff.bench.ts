// The module diff of the review page (lib/review/diff.ts diffTexts: structured hunks plus the unified patch) on two
// 5,000-line modules that differ the way a re-run differs (a few percent of lines edited, inserted or removed),
// against a plain line-by-line equality scan of the same two texts in the same process: the floor any line diff
// pays (splitting both texts and comparing lines), which finds no insertions and so no real hunks.
import { diffTexts } from "@/lib/review/diff";
import { emit, log } from "./lib/report";
import { now, percentile, rng } from "./lib/stats";

const LINES = Number(process.env.BENCH_DIFF_LINES ?? 5000);
const ITERATIONS = Number(process.env.BENCH_DIFF_ITERATIONS ?? 30);
const WARMUP = 3;
const CHANGE_RATE = 0.03;

const r = rng(0xd1ff);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
const NAMES = ["order", "customer", "payload", "receipt", "invoice", "amount", "currency", "status", "retries", "items"];

/** A plausible line of generated Python (indentation, calls, literals, comments), seeded so every run is the same. */
function line(i: number): string {
  const indent = "    ".repeat(Math.floor(r() * 3));
  const a = pick(NAMES);
  const b = pick(NAMES);
  switch (Math.floor(r() * 6)) {
    case 0:
      return `${indent}${a}_${i} = ${b}.get("${pick(NAMES)}", ${Math.floor(r() * 1000)})`;
    case 1:
      return `${indent}if not isinstance(${a}, dict):`;
    case 2:
      return `${indent}    raise ValueError("${a}: expected a dict, got " + type(${b}).__name__)`;
    case 3:
      return `${indent}# TODO: validate ${a} against ${b} (line ${i})`;
    case 4:
      return "";
    default:
      return `${indent}return {"${a}": ${b}, "step": ${i}}`;
  }
}

const before = Array.from({ length: LINES }, (_, i) => line(i));
const after: string[] = [];
let edits = 0;
for (let i = 0; i < before.length; i++) {
  const x = r();
  if (x < CHANGE_RATE / 3) {
    edits++; // removed
  } else if (x < (2 * CHANGE_RATE) / 3) {
    after.push(`${before[i]}  # changed`);
    edits++;
  } else if (x < CHANGE_RATE) {
    after.push(before[i], line(i + LINES));
    edits++;
  } else {
    after.push(before[i]);
  }
}
const a = { path: "steps/big_module.py", content: `${before.join("\n")}\n`, label: "run #1" };
const b = { path: "steps/big_module.py", content: `${after.join("\n")}\n`, label: "run #2" };
log(`two modules of ${before.length.toLocaleString("en")} and ${after.length.toLocaleString("en")} lines, ${edits} edits (${(CHANGE_RATE * 100).toFixed(0)}% of lines)`);

/** The baseline: split both texts and compare line i with line i, counting the differing positions. */
function scan(x: string, y: string): number {
  const xs = x.split("\n");
  const ys = y.split("\n");
  let differ = Math.abs(xs.length - ys.length);
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) if (xs[i] !== ys[i]) differ++;
  return differ;
}

let sink = 0;
for (let i = 0; i < WARMUP; i++) {
  sink += diffTexts(a, b).added + scan(a.content, b.content);
}
const diffMs: number[] = [];
const scanMs: number[] = [];
let last: ReturnType<typeof diffTexts> | null = null;
for (let i = 0; i < ITERATIONS; i++) {
  // Alternate which goes first so that GC and background load hit both alike.
  const order = i % 2 === 0 ? ["diff", "scan"] : ["scan", "diff"];
  for (const which of order) {
    const t0 = now();
    if (which === "diff") last = diffTexts(a, b);
    else sink += scan(a.content, b.content);
    (which === "diff" ? diffMs : scanMs).push(now() - t0);
  }
}
if (!last || last.identical || last.hunks.length === 0) throw new Error("the diff found no changes: the fixture is wrong");
log(`diffTexts: ${last.hunks.length} hunks, +${last.added} −${last.removed}, unified patch ${(last.unified.length / 1024).toFixed(0)} KiB (checksum ${sink})`);
const p = (xs: number[], q: number) => percentile(xs, q);
log(`  diffTexts  p50 ${p(diffMs, 50).toFixed(2)} ms, p95 ${p(diffMs, 95).toFixed(2)} ms, max ${Math.max(...diffMs).toFixed(2)} ms over ${ITERATIONS} iterations`);
log(`  line scan  p50 ${p(scanMs, 50).toFixed(3)} ms, p95 ${p(scanMs, 95).toFixed(3)} ms`);

const baselineName = `plain line-by-line equality scan of the same two texts (split, compare line i with line i), same process, ${ITERATIONS} iterations`;
emit({
  name: `review_diff.${LINES}_lines_p95`,
  value: p(diffMs, 95),
  unit: "ms",
  baseline: p(scanMs, 95),
  baseline_name: baselineName,
  goal: "under 100 ms",
});
emit({
  name: `review_diff.${LINES}_lines_p50`,
  value: p(diffMs, 50),
  unit: "ms",
  baseline: p(scanMs, 50),
  baseline_name: baselineName,
  goal: "report only (p95 under 100 ms)",
});

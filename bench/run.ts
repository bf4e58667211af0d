// npm run bench [-- name …]: recreate the bench database once, then run each bench/*.bench.ts (or those whose name
// contains one of the arguments) in its own process, in a fixed order. Figures (one JSON line each) go to stdout;
// progress goes to stderr. Exit status 1 when a benchmark failed or printed something that is not a figure.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { benchUrl, recreateBenchDb } from "./lib/db";
import { log } from "./lib/report";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
/** Writes first (on a small table), then the 1M-event fixture is filled once and shared by verify and list. */
const ORDER = ["audit-write", "audit-verify", "audit-list"];
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 420);
const FIGURE_KEYS = ["name", "value", "unit", "baseline", "baseline_name", "ratio", "goal"];

const all = fs
  .readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.slice(0, -".bench.ts".length))
  .sort((a, b) => {
    const ia = ORDER.indexOf(a) === -1 ? ORDER.length : ORDER.indexOf(a);
    const ib = ORDER.indexOf(b) === -1 ? ORDER.length : ORDER.indexOf(b);
    return ia - ib || a.localeCompare(b);
  });
const wanted = process.argv.slice(2).filter((a) => a !== "--");
const selected = wanted.length ? all.filter((n) => wanted.some((w) => n === w || n.includes(w))) : all;
if (selected.length === 0) {
  log(`no benchmark matches ${wanted.join(" ")}; there are: ${all.join(", ")}`);
  process.exit(2);
}

function isFigure(line: string): boolean {
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    return (
      FIGURE_KEYS.every((k) => k in o) &&
      ["value", "baseline", "ratio"].every((k) => typeof o[k] === "number" && Number.isFinite(o[k])) &&
      ["name", "unit", "baseline_name", "goal"].every((k) => typeof o[k] === "string")
    );
  } catch {
    return false;
  }
}

function runOne(name: string): Promise<{ ok: boolean; figures: number; seconds: number }> {
  const file = path.join(BENCH_DIR, `${name}.bench.ts`);
  const started = Date.now();
  return new Promise((resolve) => {
    // Its own process group, so a timeout also stops what the benchmark started (the fixture fill).
    const child = spawn(process.execPath, ["--import", "tsx", file], {
      cwd: path.dirname(BENCH_DIR),
      env: { ...process.env, BENCH_DB_READY: "1", BENCH_NAME: name },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    let figures = 0;
    let stray = false;
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      if (isFigure(line)) {
        figures++;
        process.stdout.write(`${line}\n`);
      } else if (line.trim()) {
        stray = true;
        log(`[${name}] (stdout, not a figure) ${line}`);
      }
    });
    const timer = setTimeout(() => {
      log(`[${name}] timed out after ${TIMEOUT_S} s; stopping it`);
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
    }, TIMEOUT_S * 1000);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      const ok = code === 0 && !stray && figures > 0;
      if (code !== 0) log(`[${name}] FAILED (${signal ?? `exit ${code}`})`);
      resolve({ ok, figures, seconds });
    });
  });
}

const t0 = Date.now();
log(`bench database: ${new URL(benchUrl()).pathname.slice(1)}; running ${selected.join(", ")}`);
await recreateBenchDb();
const results: { name: string; ok: boolean; figures: number; seconds: number }[] = [];
for (const name of selected) {
  log(`── ${name} (load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs)`);
  results.push({ name, ...(await runOne(name)) });
}
log(`── done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
for (const r of results) log(`   ${r.ok ? "ok    " : "FAILED"} ${r.name}: ${r.figures} figure(s) in ${r.seconds.toFixed(0)} s`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;

// Output: one JSON line per figure on stdout; everything else (progress) on stderr.

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  baseline_name: string;
  /** value / baseline */
  ratio: number;
  goal: string;
}

/** Round to `digits` significant digits (keeps small latencies readable and big counts exact enough). */
export function sig(n: number, digits = 4): number {
  if (!Number.isFinite(n) || n === 0) return n;
  return Number(n.toPrecision(digits));
}

/** Print one figure as one JSON line on stdout. `ratio` is always value / baseline. */
export function emit(f: Omit<Figure, "ratio"> & { ratio?: number }): void {
  const ratio = f.ratio ?? (f.baseline === 0 ? NaN : f.value / f.baseline);
  const line: Figure = {
    name: f.name,
    value: sig(f.value),
    unit: f.unit,
    baseline: sig(f.baseline),
    baseline_name: f.baseline_name,
    ratio: Number.isFinite(ratio) ? sig(ratio, 3) : 0,
    goal: f.goal,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Progress message on stderr, prefixed with the benchmark's name. */
export function log(msg: string): void {
  const who = process.env.BENCH_NAME ? `[${process.env.BENCH_NAME}] ` : "";
  process.stderr.write(`${who}${msg}\n`);
}

import { fork } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { checkHeads, verifyAuditChains, type ChainBreak, type ChainKey, type RangeResult, type VerifyResult } from "@/lib/audit/verify";

export interface ParallelVerifyOptions {
  /** how many processes share the work (default: the CPUs, at most 4) */
  workers?: number;
  /** below this many events per worker, starting processes costs more than it saves: verify in this process */
  minEventsPerWorker?: number;
}

/** A slice of the (chain, seq) order: after `after` (exclusive) up to `until` (inclusive); open ends are absent. */
export interface VerifySlice {
  after?: ChainKey;
  until?: ChainKey;
}

/**
 * Cut the (chain, seq) order into `n` slices of about equal event counts, using the chain heads' lengths. The cut
 * points only balance the work: a tampered trail (missing or extra events) still gets every event checked once,
 * because the slices cover the whole order whatever it holds.
 */
export function sliceChains(heads: { chain: string; seq: number }[], n: number): VerifySlice[] {
  const total = heads.reduce((s, h) => s + h.seq, 0);
  const cuts: ChainKey[] = [];
  let done = 0;
  for (const h of heads) {
    while (cuts.length < n - 1) {
      const target = Math.round(((cuts.length + 1) * total) / n);
      if (target > done + h.seq) break;
      cuts.push({ chain: h.chain, seq: target - done });
    }
    done += h.seq;
  }
  return Array.from({ length: cuts.length + 1 }, (_, i) => ({ after: cuts[i - 1], until: cuts[i] }));
}

/** The sequential answer from slice answers: counts add up, and a chain's first break is its lowest-numbered one. */
export function mergeSlices(results: RangeResult[]): RangeResult {
  const first = new Map<string, ChainBreak>();
  for (const b of results.flatMap((r) => r.breaks)) {
    const seen = first.get(b.chain);
    if (!seen || b.seq < seen.seq) first.set(b.chain, b);
  }
  return {
    events: results.reduce((s, r) => s + r.events, 0),
    chains: results.reduce((s, r) => s + r.chains, 0),
    breaks: [...first.values()],
    peakRssMb: Math.max(0, ...results.map((r) => r.peakRssMb ?? 0)),
  };
}

const WORKER = fileURLToPath(new URL("./verify-worker.ts", import.meta.url));

function verifySliceInChild(url: string, slice: VerifySlice): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let answer: RangeResult | null = null;
    child.on("message", (m: { result?: RangeResult; error?: string }) => {
      if (m.error) reject(new Error(`audit verification worker failed: ${m.error}`));
      else answer = m.result ?? null;
    });
    child.on("error", reject);
    child.on("exit", (code) => (answer ? resolve(answer) : reject(new Error(`audit verification worker exited with ${code} and no answer`))));
    child.send({ url, slice });
  });
}

/**
 * verifyAuditChains over the whole trail, with the hashing (the CPU-bound part) spread over worker processes that
 * each read and check one slice of the (chain, seq) order on their own connection. Same answer as the sequential
 * verifier (verify-parallel.test.ts compares them, tampered trails included). Not for the embedded database: its
 * single-connection socket cannot serve several readers at once.
 */
export async function verifyAuditChainsParallel(url: string, pool: pg.Pool, opts: ParallelVerifyOptions = {}): Promise<VerifyResult & { workers: number; workerPeakRssMb?: number }> {
  const { rows: heads } = await pool.query<{ chain: string; seq: number }>("SELECT chain, seq FROM audit_chain_heads ORDER BY chain");
  const total = heads.reduce((s, h) => s + h.seq, 0);
  const wanted = opts.workers ?? Math.min(4, os.availableParallelism());
  const n = Math.min(wanted, Math.floor(total / (opts.minEventsPerWorker ?? 100_000)));
  if (n <= 1) return { ...(await verifyAuditChains(pool)), workers: 1 };
  const merged = mergeSlices(await Promise.all(sliceChains(heads, n).map((s) => verifySliceInChild(url, s))));
  const breaks = [...merged.breaks, ...(await checkHeads(pool, undefined, merged.breaks))];
  return { ok: breaks.length === 0, chains: merged.chains, events: merged.events, breaks, workers: n, workerPeakRssMb: merged.peakRssMb };
}

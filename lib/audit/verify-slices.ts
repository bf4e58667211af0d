import type { ChainBreak, ChainKey, RangeResult } from "@/lib/audit/verify";

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
  };
}

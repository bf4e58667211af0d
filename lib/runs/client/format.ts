import { SCAFFOLDER_LABEL } from "@/lib/llm/scaffolder/constants";
import { FLOW_STEP_KEY } from "@/lib/runs/timeline";
import { formatDuration } from "@/lib/runs/client/duration";

export { SCAFFOLDER_LABEL, formatDuration };

/** How the built-in offline scaffolder is named wherever a provider can be picked or is shown. */
export const OFFLINE_PROVIDER_LABEL = `Offline scaffolder — ${SCAFFOLDER_LABEL}`;

const nf = new Intl.NumberFormat("en");

export function formatNumber(n: number): string {
  return nf.format(n);
}

/** Compact token counts: 950, 12.3k, 1.2M. */
export function formatTokens(n: number): string {
  if (n < 1000) return nf.format(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** US dollars with enough digits to show small model bills ($0.0042). */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0.00";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 100) return `$${usd.toFixed(2)}`;
  return `$${nf.format(Math.round(usd))}`;
}

/** A run's or step's cost: the offline scaffolder is free, not "$0.00". */
export function formatCost(usd: number, provider: { isLlm: boolean }): string {
  return provider.isLlm ? formatUsd(usd) : "free";
}

/** Provider and model, labelled so offline output is never mistaken for a model's. */
export function providerLabel(provider: { kind: string; name: string; model: string }): string {
  return provider.kind === "offline" ? OFFLINE_PROVIDER_LABEL : `${provider.name} · ${provider.model}`;
}

/** The flow module's pseudo-step gets a readable name. */
export function stepLabel(key: string): string {
  return key === FLOW_STEP_KEY ? "flow (wires the steps)" : key;
}

export function pluralize(n: number, one: string, many = `${one}s`): string {
  return `${nf.format(n)} ${n === 1 ? one : many}`;
}

import { SCAFFOLDER_LABEL } from "@/lib/llm/scaffolder/constants";

export { SCAFFOLDER_LABEL };
export { OFFLINE_MODEL_ID } from "@/lib/llm/scaffolder/constants";

const nf = new Intl.NumberFormat("en");

export const formatNumber = (n: number) => nf.format(n);

export function formatUsd(usd: number, provider?: { kind: string }): string {
  if (provider?.kind === "offline") return "free (offline)";
  if (usd === 0) return "$0.00";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "+12 −3" with words for screen readers is done by the caller; this is the compact signed form. */
export function signed(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : "±0";
}

export const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

const FLOW = "__flow__";

/** How a step key is shown: the flow pseudo-step gets a name people understand. */
export const stepLabel = (step: string) => (step === FLOW ? "Flow (wires the steps together)" : step);
export const isFlowStep = (step: string) => step === FLOW;

const exact = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
export const formatDate = (iso: string) => exact.format(new Date(iso));

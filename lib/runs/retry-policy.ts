import { backoffDelayMs } from "@/lib/utils/backoff";

/** Attempts per step, the first included. */
export const MAX_ATTEMPTS = Number(process.env.STUDIO_STEP_MAX_ATTEMPTS ?? 4);
const BASE_MS = Number(process.env.STUDIO_RETRY_BASE_MS ?? 1000);
const CAP_MS = 60_000;

/**
 * Exponential backoff with full jitter, after attempt `n` (1-based); a provider's Retry-After wins when it asks
 * for longer.
 */
export function retryDelayMs(attempt: number, retryAfterMs?: number, random = Math.random): number {
  return backoffDelayMs(attempt, { baseMs: BASE_MS, capMs: CAP_MS, retryAfterMs, random });
}

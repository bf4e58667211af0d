/** Attempts per step, the first included. */
export const MAX_ATTEMPTS = Number(process.env.STUDIO_STEP_MAX_ATTEMPTS ?? 4);
const BASE_MS = Number(process.env.STUDIO_RETRY_BASE_MS ?? 1000);
const CAP_MS = 60_000;

/**
 * Exponential backoff with full jitter, after attempt `n` (1-based); a provider's Retry-After wins when it asks
 * for longer.
 */
export function retryDelayMs(attempt: number, retryAfterMs?: number, random = Math.random): number {
  const backoff = Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1));
  const jittered = Math.round(backoff / 2 + random() * (backoff / 2));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, 10 * CAP_MS));
}

/**
 * Exponential backoff with jitter, after failed attempt `attempt` (1-based): half the doubled delay plus a random
 * half of it, capped; a server's Retry-After wins when it asks for longer (itself capped at 10× the cap).
 */
export function backoffDelayMs(attempt: number, opts: { baseMs: number; capMs: number; retryAfterMs?: number; random?: () => number }): number {
  const backoff = Math.min(opts.capMs, opts.baseMs * 2 ** (attempt - 1));
  const jittered = Math.round(backoff / 2 + (opts.random ?? Math.random)() * (backoff / 2));
  return Math.max(jittered, Math.min(opts.retryAfterMs ?? 0, 10 * opts.capMs));
}

/** Retry-After as milliseconds: OpenAI's retry-after-ms first, then seconds or an HTTP date. */
export function retryAfterMs(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = parseFloat(headers["retry-after-ms"] ?? "");
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = headers["retry-after"];
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Limits live in PostgreSQL so that every studio process shares them.
const LIMITS = {
  "signin:ip": { points: 30, duration: 15 * 60 },
  "signin:account": { points: 8, duration: 15 * 60 },
  "signup:ip": { points: 10, duration: 60 * 60 },
  "run:user": { points: 20, duration: 60 },
} as const;

export type LimitName = keyof typeof LIMITS;

const g = globalThis as unknown as { __studioLimiters?: Map<LimitName, RateLimiterPrisma> };

function limiter(name: LimitName): RateLimiterPrisma {
  g.__studioLimiters ??= new Map();
  let l = g.__studioLimiters.get(name);
  if (!l) {
    // Test mode lifts the per-network limits only: browser suites sign in many users from one address, while the
    // per-account and per-user limits stay as in production so they can be tested.
    const points = testMode() && name.endsWith(":ip") ? LIMITS[name].points * 100 : LIMITS[name].points;
    l = new RateLimiterPrisma({ storeClient: getDb(), tableName: "rateLimit", keyPrefix: name, duration: LIMITS[name].duration, points });
    g.__studioLimiters.set(name, l);
  }
  return l;
}

// parseEnv() refuses STUDIO_TEST_MODE for a production deployment on an external database.
const testMode = () => process.env.STUDIO_TEST_MODE === "1";

/** Count one attempt against `key`; throws rate_limited (429, with Retry-After) once the limit is used up. */
export async function consume(name: LimitName, key: string, what: string): Promise<void> {
  try {
    await limiter(name).consume(key);
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    const seconds = Math.ceil(res.msBeforeNext / 1000);
    throw new AppError("rate_limited", `Too many ${what}. Try again in ${formatWait(seconds)}.`, { retryAfter: seconds }, seconds);
  }
}

export async function reset(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key).catch(() => undefined);
}

function formatWait(s: number): string {
  return s < 90 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`;
}

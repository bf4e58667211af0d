const SECRET_KEY = /(password|passwd|secret|token|api[_-]?key|authorization|cookie|private[_-]?key|credential)/i;

/**
 * A copy of `value` with every secret-looking field replaced, and values jsonb cannot hold (NUL, undefined)
 * removed, so that what is hashed is exactly what the database gives back.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (value === undefined) return undefined;
  if (value === null || depth > 12) return value ?? null;
  if (typeof value === "string") return value.replace(/\u0000/g, "");
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1) ?? null);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out[k.replace(/\u0000/g, "")] = SECRET_KEY.test(k) && v !== null && v !== "" ? "[redacted]" : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

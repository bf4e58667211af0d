const SECRET_KEY = /(password|passwd|secret|token|api[_-]?key|authorization|cookie|private[_-]?key|credential)/i;

const MAX_DEPTH = 12;

/**
 * Text as PostgreSQL stores it: without NUL (which text and jsonb refuse) and with lone UTF-16 surrogates replaced
 * by U+FFFD (which the driver would send as U+FFFD anyway, and which jsonb refuses as escapes).
 */
export function storableText(s: string): string {
  return s.replace(/\u0000/g, "").toWellFormed();
}

/**
 * A copy of `value` with every secret-looking field replaced, and values jsonb cannot hold (NUL, lone surrogates,
 * undefined) removed, so that what is hashed is exactly what the database gives back. Objects nested deeper than
 * MAX_DEPTH (or cyclic) are cut off rather than copied unredacted.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === "string") return storableText(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && depth > MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1) ?? null);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out[storableText(k)] = SECRET_KEY.test(k) && v !== null && v !== "" ? "[redacted]" : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

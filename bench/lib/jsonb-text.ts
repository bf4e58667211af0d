// What PostgreSQL prints for a jsonb value (jsonb::text), written in JS so the benchmarks can build chains of
// version-2 audit hashes in bulk (lib/audit/payload.ts) without a round trip per event. Covers the values the
// fixtures use: objects, arrays, strings, booleans, null and plain decimal numbers. tests/bench/jsonb-text.test.ts
// compares it with the database's own output.

const utf8 = new TextEncoder();

/** jsonb keeps object keys shorter first, then in byte order (of their UTF-8). */
function compareKeys(a: string, b: string): number {
  const ba = utf8.encode(a);
  const bb = utf8.encode(b);
  if (ba.length !== bb.length) return ba.length - bb.length;
  for (let i = 0; i < ba.length; i++) if (ba[i] !== bb[i]) return ba[i] - bb[i];
  return 0;
}

/** PostgreSQL's escape_json: quotes, backslashes and control characters escaped; everything else as it is. */
function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return jsonString(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    const s = String(value);
    if (!Number.isFinite(value) || /e/i.test(s)) throw new Error(`jsonbText: ${s} would print differently in PostgreSQL`);
    return s;
  }
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => compareKeys(a, b));
    return `{${entries.map(([k, v]) => `${jsonString(k)}: ${jsonbText(v)}`).join(", ")}}`;
  }
  throw new Error(`jsonbText: cannot print ${typeof value}`);
}

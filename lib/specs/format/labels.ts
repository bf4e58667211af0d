/** How messages name a place in the document ("`depends_on` in step `b`", "input #2 of step `a`"). */
import type { PathSegment } from "./ast";
import { quote } from "./diagnostics";

/** Reads `path` out of parsed YAML data; `exists` distinguishes a missing key from an explicit null. */
export function valueAt(data: unknown, path: readonly PathSegment[]): { exists: boolean; value: unknown } {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object" || !Object.prototype.hasOwnProperty.call(value, segment)) {
      return { exists: false, value: undefined };
    }
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return { exists: true, value };
}

/** Names step `index` by its id when it has a usable one, else by its 1-based position. */
export function stepLabel(data: unknown, index: number): string {
  const step = valueAt(data, ["workflow", "steps", index]).value;
  const id = typeof step === "string" ? step : (step as { id?: unknown } | null)?.id;
  return typeof id === "string" && id !== "" ? `step ${quote(id)}` : `step #${index + 1}`;
}

const ENTRY_NAMES: Record<string, string> = {
  inputs: "input",
  outputs: "output",
  depends_on: "entry",
  acceptance: "acceptance criterion",
};

/** A readable name for the place `path` points at. */
export function labelFor(data: unknown, path: readonly PathSegment[]): string {
  if (path.length === 0) return "the spec";
  if (path[0] !== "workflow" || path[1] !== "steps" || typeof path[2] !== "number") {
    return `\`${path.map(String).join(".")}\``;
  }
  const step = stepLabel(data, path[2]);
  const [, , , list, entry, key] = path;
  if (list === undefined) return step;
  if (entry === undefined) return `\`${String(list)}\` in ${step}`;
  const name = ENTRY_NAMES[String(list)] ?? "entry";
  const where = list === "depends_on" ? `of \`depends_on\` in ${step}` : `of ${step}`;
  const item = `${name} #${Number(entry) + 1} ${where}`;
  return key === undefined ? item : `\`${String(key)}\` of ${item}`;
}

/** Describes a YAML value's kind for "but it is …" phrases. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Uint8Array) return "binary data";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${quote(value)}`;
  return `the ${typeof value} ${quote(value)}`;
}

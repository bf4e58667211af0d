/** Human messages for schema issues: each says what is wrong and how to fix it. */
import type { z } from "zod";
import type { PathSegment } from "./ast";
import { quote } from "./diagnostics";
import { hintFor } from "./hints";
import { describeValue, labelFor, valueAt } from "./labels";
import { DEFAULT_LANGUAGE, LANGUAGES, MAX_ID_LENGTH, toSnakeCase } from "./limits";

type Issue = z.core.$ZodIssue;

const SNAKE_RULE = "use snake_case: lowercase letters, digits and underscores, starting with a letter";

/** The message for `issue`, located at the absolute `path` of the parsed `data`. */
export function messageFor(issue: Issue, path: readonly PathSegment[], data: unknown): string {
  const { exists, value } = valueAt(data, path);
  const label = labelFor(data, path);
  const { expect, example, required } = hintFor(path);
  const last = path[path.length - 1];

  if (issue.code === "invalid_type" && !exists && path.length > 0) return missingKey(path, data);
  if (path.length === 0 && (value === null || value === undefined)) {
    return `the spec is empty — start with ${example}`;
  }
  if (last === "depends_on" && value === null) {
    return `${label} has no value — write \`depends_on: []\` for no dependencies, or remove the key to run after the previous step`;
  }
  if (value === null) {
    const removal = required ? "" : typeof last === "number" ? ", or remove the entry" : ", or remove the key";
    return `${label} has no value — give it ${expect}, e.g. ${example}${removal}`;
  }

  switch (issue.code) {
    case "too_small":
      if (issue.origin === "array") return `${label} is empty — list at least one, e.g. ${example}`;
      return `${label} is empty — write ${expect}, e.g. ${example}`;
    case "too_big":
      return `${label} is ${String(value).length} characters long, over the limit of ${MAX_ID_LENGTH} — shorten it`;
    case "invalid_format":
      return badFormat(label, path, value);
    case "invalid_value":
      if (typeof value === "string" && last === "language") {
        return `unsupported language ${quote(value)} — use ${LANGUAGES.map((l) => `\`${l}\``).join(" or ")} (the default is \`${DEFAULT_LANGUAGE}\` when \`language\` is left out)`;
      }
      return `${label} must be ${expect}, but it is ${describeValue(value)} — write e.g. ${example}`;
    default:
      return `${label} must be ${expect}, but it is ${describeValue(value)} — write e.g. ${example}`;
  }
}

function missingKey(path: readonly PathSegment[], data: unknown): string {
  const parentPath = path.slice(0, -1);
  const key = String(path[path.length - 1]);
  const parent = valueAt(data, parentPath).value;
  const where = parentPath.length === 0 ? "at the top level" : `in ${labelFor(data, parentPath)}`;
  const { example } = hintFor(path);
  const keys = parent && typeof parent === "object" ? Object.keys(parent) : [];
  // `- validate_input:` (trailing colon) is the classic slip: YAML reads it as a one-key mapping.
  if (key === "id" && keys.length === 1 && (parent as Record<string, unknown>)[keys[0]] === null) {
    return `${labelFor(data, parentPath)} is written as \`${keys[0]}:\`, which YAML reads as a mapping — remove the trailing colon to use the short form, or write \`- id: ${keys[0]}\``;
  }
  if (key === "name" && path.length === 6) {
    return `missing \`name\` ${where} — add it, e.g. \`name: email\`, or use the one-pair shorthand \`- email: str\``;
  }
  if (path.length === 1) {
    return `missing \`workflow\` at the top level — the spec must start with ${hintFor([]).example}`;
  }
  return `missing \`${key}\` ${where} — add it, e.g. ${example}`;
}

function badFormat(label: string, path: readonly PathSegment[], value: unknown): string {
  const text = String(value);
  if (path[3] === "inputs" || path[3] === "outputs") {
    return `${label} has no field name before the colon — write e.g. \`email\` or \`email: str\``;
  }
  const what = path.length === 2 ? "workflow name" : "step id";
  if (text === "") return `${label} is empty — give it a ${what} (${SNAKE_RULE.replace("use ", "")})`;
  const fixed = toSnakeCase(text);
  const suggestion = fixed && fixed !== text ? `, e.g. ${quote(fixed)}` : "";
  return `${quote(text)} is not a valid ${what} — ${SNAKE_RULE}${suggestion}`;
}

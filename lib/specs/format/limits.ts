/**
 * Limits and lexical rules of the spec format. They live apart from the schema so that the
 * outline, completion and error messages can share them without pulling in zod.
 */

/** Largest accepted spec, in UTF-8 bytes; bigger texts are rejected before parsing. */
export const MAX_SPEC_BYTES = 1_000_000;

/**
 * Upper bound on alias expansion handed to the yaml library: a handful of `&anchor`/`*alias`
 * reuses is fine, a "billion laughs" document is rejected instead of being expanded.
 */
export const MAX_ALIAS_COUNT = 100;

/** Deepest nesting of lists / mappings accepted; the format itself needs about 7 levels. */
export const MAX_NESTING_DEPTH = 64;

/** Longest allowed workflow name or step id. */
export const MAX_ID_LENGTH = 64;

/** snake_case: a lowercase letter, then lowercase letters, digits or underscores. */
export const ID_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Languages code can be generated in; the first one is the default. */
export const LANGUAGES = ["python", "typescript"] as const;

/** Language used when the spec does not name one. */
export const DEFAULT_LANGUAGE = LANGUAGES[0];

/** Keys of a field mapping; a one-pair mapping using any other key is the `name: type` shorthand. */
export const FIELD_KEYS = ["name", "type", "description"] as const;

/** Whether `value` is a valid workflow name / step id. */
export function isValidId(value: string): boolean {
  return value.length <= MAX_ID_LENGTH && ID_PATTERN.test(value);
}

/** Best-effort snake_case version of `value`, used to suggest a fix for a bad id. */
export function toSnakeCase(value: string): string {
  const snake = value
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toLowerCase()
    .replace(/^[^a-z]+/, "")
    .replace(/_+/g, "_")
    .replace(/_$/, "")
    .slice(0, MAX_ID_LENGTH)
    .replace(/_$/, "");
  return snake;
}

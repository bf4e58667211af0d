/**
 * Public API of the spec format: validation, the raw-document schema, limits, and the
 * editor helpers (outline, completion). Everything here is pure and safe to run in the browser.
 */
export { validateSpec } from "./validate";
export { specSchema, type RawSpec, type RawStep, type RawField } from "./schema";
export { normalizeSpec } from "./normalize";
export { MAX_SPEC_BYTES, MAX_ID_LENGTH, ID_PATTERN, LANGUAGES, DEFAULT_LANGUAGE, isValidId } from "./limits";
export { stepOutline, stepIdsForCompletion, type OutlineEntry } from "./outline";
export { dependsOnCompletion, type DependsOnCompletion } from "./completion";
export { formatPath } from "./diagnostics";

/**
 * What each place in the document should contain, phrased for humans. Keyed by path pattern
 * (indices replaced by `[]`) so every schema message can say both what is wrong and how to fix it.
 */
import type { PathSegment } from "./ast";

/** Expected shape and an example for one place in the document. */
export interface Hint {
  /** e.g. "a list of step ids" */
  expect: string;
  /** a YAML snippet that would be valid there */
  example: string;
  /** the key must be present (so "remove the key" is no fix) */
  required?: boolean;
}

const text = (example: string): Hint => ({ expect: "a string", example });
const fieldHints = (list: "inputs" | "outputs"): Record<string, Hint> => ({
  [`workflow.steps[].${list}`]: { expect: "a list of fields", example: `\`${list}: [email, "plan: str"]\`` },
  [`workflow.steps[].${list}[]`]: {
    expect: "a field: `email`, `email: str`, or a mapping with `name`, `type` and `description`",
    example: "`- email: str`",
  },
  [`workflow.steps[].${list}[].name`]: { expect: "a non-empty string", example: "`name: email`", required: true },
  [`workflow.steps[].${list}[].type`]: text("`type: str`"),
  [`workflow.steps[].${list}[].description`]: text("`description: the customer's e-mail address`"),
});

const HINTS: Record<string, Hint> = {
  "": {
    expect: "a mapping with a top-level `workflow` key",
    example: "`workflow:` followed by indented `name: customer_onboarding` and `steps:` lines",
  },
  workflow: {
    expect: "a mapping with `name` and `steps`",
    example: "`name: customer_onboarding` indented under `workflow:`",
    required: true,
  },
  "workflow.name": { expect: "a snake_case name", example: "`name: customer_onboarding`", required: true },
  "workflow.description": text("`description: Onboards a new customer`"),
  "workflow.language": { expect: "`python` or `typescript`", example: "`language: typescript`" },
  "workflow.steps": {
    expect: "a list of steps",
    example: "`steps:` followed by lines like `- validate_input`",
    required: true,
  },
  "workflow.steps[]": {
    expect: "a step id or a mapping with an `id` key",
    example: "`- validate_input` or `- id: validate_input`",
  },
  "workflow.steps[].id": { expect: "a snake_case step id", example: "`id: validate_input`", required: true },
  "workflow.steps[].description": text("`description: Checks that the e-mail address is well-formed`"),
  ...fieldHints("inputs"),
  ...fieldHints("outputs"),
  "workflow.steps[].depends_on": {
    expect: "a list of step ids",
    example: "`depends_on: [validate_input]` (or `depends_on: []` for no dependencies)",
  },
  "workflow.steps[].depends_on[]": { expect: "a step id", example: "`- validate_input`" },
  "workflow.steps[].acceptance": {
    expect: "a list of acceptance criteria",
    example: "`acceptance:` followed by lines like `- rejects malformed e-mail addresses`",
  },
  "workflow.steps[].acceptance[]": { expect: "a non-empty string", example: "`- rejects malformed e-mail addresses`" },
};

/** The path with sequence indices blanked out: `workflow.steps[].depends_on[]`. */
export function pathPattern(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === "number" ? "[]" : i === 0 ? String(s) : `.${String(s)}`)).join("");
}

/** The hint for `path`; a generic one for places the format does not know. */
export function hintFor(path: readonly PathSegment[]): Hint {
  return HINTS[pathPattern(path)] ?? { expect: "a valid value", example: "see docs/spec-format.md" };
}

/**
 * The zod schema of the raw YAML document: the single source of truth for the spec's shape.
 * It describes what may be *written* (short and long forms side by side); `normalize.ts` turns
 * the parsed result into the canonical `Spec`. Cross-step rules (unique ids, known and acyclic
 * dependencies) need source positions and live in `graph.ts`, not here.
 */
import { z } from "zod";
import { DEFAULT_LANGUAGE, FIELD_KEYS, ID_PATTERN, LANGUAGES, MAX_ID_LENGTH } from "./limits";

/** A `name` or `name: type` string: the part before the first colon must be non-empty. */
export const FIELD_STRING_PATTERN = /^\s*[^\s:][^:]*(?::[\s\S]*)?$/;

const snakeId = z
  .string()
  .max(MAX_ID_LENGTH)
  .regex(ID_PATTERN)
  .describe("snake_case identifier: ^[a-z][a-z0-9_]*$, at most 64 characters");

const fieldString = z
  .string()
  .regex(FIELD_STRING_PATTERN)
  .describe('a field name, optionally with a type hint after a colon: "email" or "email: str"');

const fieldObject = z
  .object({
    name: z.string().min(1).describe("field name"),
    type: z.string().optional().describe('free-form type hint, e.g. "str", "dict", "Customer"'),
    description: z.string().optional(),
  })
  .describe("a field written out in full");

// `- email: str` is what people type for a field; YAML reads it as a one-pair mapping. Aborting
// makes zod's union keep looking at the other branches' (more precise) issues on failure.
const fieldPair = z
  .record(z.string(), z.string())
  .refine(
    (pair) => {
      const keys = Object.keys(pair);
      return keys.length === 1 && !(FIELD_KEYS as readonly string[]).includes(keys[0]);
    },
    { message: "a `name: type` shorthand mapping has exactly one key", abort: true },
  )
  .describe("one-pair shorthand: `email: str` means the field `email` of type `str`");

const field = z.union([fieldString, fieldObject, fieldPair]);

const fieldList = z.array(field);

const stepObject = z
  .object({
    id: snakeId,
    description: z.string().optional().describe("prose requirements of the step"),
    inputs: fieldList.optional(),
    outputs: fieldList.optional(),
    depends_on: z
      .array(z.string().min(1))
      .optional()
      .describe("ids of steps that must run first; omitted = the previous step, [] = none"),
    acceptance: z.array(z.string().min(1)).optional().describe("acceptance criteria"),
  })
  .describe("a step written out in full");

const step = z.union([snakeId.describe("short form: just the step id"), stepObject]);

const workflow = z.object({
  name: snakeId,
  description: z.string().optional(),
  language: z.enum(LANGUAGES).default(DEFAULT_LANGUAGE).describe("target language of the generated code"),
  steps: z.array(step).min(1),
});

/** Schema of a raw spec document as written in YAML (before normalization). */
export const specSchema = z
  .object({ workflow })
  .describe("Spec Studio workflow spec (YAML). See docs/spec-format.md.");

/** A spec document as parsed by `specSchema`. */
export type RawSpec = z.output<typeof specSchema>;
/** One entry of `workflow.steps` after parsing. */
export type RawStep = RawSpec["workflow"]["steps"][number];
/** One entry of an `inputs` / `outputs` list after parsing. */
export type RawField = z.output<typeof field>;

/** Keys each mapping of the format understands, for unknown-key warnings. */
export const KNOWN_KEYS = {
  root: Object.keys(specSchema.shape),
  workflow: Object.keys(workflow.shape),
  step: Object.keys(stepObject.shape),
  field: Object.keys(fieldObject.shape),
} as const;

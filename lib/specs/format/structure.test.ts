import { describe, expect, it } from "vitest";
import type { SpecDiagnostic } from "../types";
import { validateSpec } from "./index";

const yaml = (...lines: string[]) => lines.join("\n") + "\n";
const errors = (text: string) => validateSpec(text).diagnostics.filter((d) => d.severity === "error");
/** The single error of `text`, asserting there is exactly one. */
function onlyError(text: string): SpecDiagnostic {
  const list = errors(text);
  expect(list.map((d) => d.message)).toHaveLength(1);
  return list[0];
}
const where = (d: SpecDiagnostic) => [d.line, d.column, d.endLine, d.endColumn, d.path];

describe("missing pieces", () => {
  it("reports an empty document", () => {
    for (const text of ["", "   \n\n", "# just a comment\n"]) {
      const d = onlyError(text);
      expect([d.line, d.column, d.path]).toEqual([1, 1, ""]);
      expect(d.message).toMatch(/^the spec is empty — start with `workflow:`/);
    }
  });

  it("reports a missing workflow key at the top-level mapping", () => {
    const d = onlyError(yaml("# spec", "name: x", "steps: [a]"));
    expect(where(d)).toEqual([2, 1, 2, 8, "workflow"]);
    expect(d.message).toMatch(/^missing `workflow` at the top level — the spec must start with `workflow:`/);
  });

  it("points a missing name at the workflow mapping", () => {
    const d = onlyError(yaml("workflow:", "  steps:", "    - a"));
    expect(where(d)).toEqual([2, 3, 2, 9, "workflow.name"]);
    expect(d.message).toBe("missing `name` in `workflow` — add it, e.g. `name: customer_onboarding`");
  });

  it("points a missing steps key at the workflow mapping", () => {
    const d = onlyError(yaml("workflow:", "  name: w"));
    expect(where(d)).toEqual([2, 3, 2, 10, "workflow.steps"]);
    expect(d.message).toMatch(/^missing `steps` in `workflow` — add it, e.g. `steps:` followed by lines like `- validate_input`/);
  });

  it("reports empty steps", () => {
    const d = onlyError(yaml("workflow:", "  name: w", "  steps: []"));
    expect(where(d)).toEqual([3, 10, 3, 12, "workflow.steps"]);
    expect(d.message).toMatch(/^`workflow.steps` is empty — list at least one/);
  });

  it("reports a workflow key without value at the key", () => {
    const d = onlyError("workflow:\n");
    expect(where(d)).toEqual([1, 1, 1, 9, "workflow"]);
    expect(d.message).toMatch(/^`workflow` has no value — give it a mapping with `name` and `steps`/);
    expect(d.message).not.toMatch(/remove the key/);
  });

  it("reports a missing step id inside a step mapping", () => {
    const d = onlyError(yaml("workflow:", "  name: w", "  steps:", "    - description: does things", "      inputs: [a]"));
    expect(where(d)).toEqual([4, 7, 4, 31, "workflow.steps[0].id"]);
    expect(d.message).toBe("missing `id` in step #1 — add it, e.g. `id: validate_input`");
  });

  it("explains a short-form step written with a trailing colon", () => {
    const result = validateSpec(yaml("workflow:", "  name: w", "  steps:", "    - validate_input:", "    - b"));
    expect(result.diagnostics).toHaveLength(1); // no extra "unknown key" warning
    const [d] = result.diagnostics;
    expect(where(d)).toEqual([4, 7, 4, 22, "workflow.steps[0].id"]);
    expect(d.message).toMatch(/^step #1 is written as `validate_input:`, which YAML reads as a mapping — remove the trailing colon/);
  });
});

describe("wrong types", () => {
  it("rejects a document that is not a mapping", () => {
    const d = onlyError("- a\n- b\n");
    expect(where(d)).toEqual([1, 1, 2, 4, ""]);
    expect(d.message).toMatch(/^the spec must be a mapping with a top-level `workflow` key, but it is a list/);
  });

  it("rejects steps that are not a list", () => {
    const d = onlyError(yaml("workflow:", "  name: w", "  steps: validate_input"));
    expect(where(d)).toEqual([3, 10, 3, 24, "workflow.steps"]);
    expect(d.message).toMatch(/^`workflow.steps` must be a list of steps, but it is the text `validate_input` — write e.g./);
  });

  it("rejects a name that is not a string", () => {
    const d = onlyError(yaml("workflow:", "  name: 42", "  steps: [a]"));
    expect(where(d)).toEqual([2, 9, 2, 11, "workflow.name"]);
    expect(d.message).toBe(
      "`workflow.name` must be a snake_case name, but it is the number `42` — write e.g. `name: customer_onboarding`",
    );
  });

  it("rejects a step that is neither an id nor a mapping", () => {
    const d = onlyError(yaml("workflow:", "  name: w", "  steps:", "    - a", "    - [b, c]"));
    expect(where(d)).toEqual([5, 7, 5, 13, "workflow.steps[1]"]);
    expect(d.message).toMatch(/^step #2 must be a step id or a mapping with an `id` key, but it is a list/);
  });

  it("rejects an id that is not a string, naming the step by position", () => {
    const d = onlyError(yaml("workflow:", "  name: w", "  steps:", "    - id: true"));
    expect(where(d)).toEqual([4, 11, 4, 15, "workflow.steps[0].id"]);
    expect(d.message).toMatch(/^`id` in step #1 must be a snake_case step id, but it is the boolean `true`/);
  });

  it("rejects depends_on written as a single string", () => {
    const d = onlyError(yaml("workflow:", "  name: w", "  steps:", "    - a", "    - id: b", "      depends_on: a"));
    expect(where(d)).toEqual([6, 19, 6, 20, "workflow.steps[1].depends_on"]);
    expect(d.message).toMatch(/^`depends_on` in step `b` must be a list of step ids, but it is the text `a` — write e.g. `depends_on: \[validate_input\]`/);
  });

  it("explains an empty depends_on value", () => {
    const d = onlyError(yaml("workflow:", "  name: w", "  steps:", "    - a", "    - id: b", "      depends_on:"));
    expect(where(d)).toEqual([6, 7, 6, 17, "workflow.steps[1].depends_on"]);
    expect(d.message).toBe(
      "`depends_on` in step `b` has no value — write `depends_on: []` for no dependencies, or remove the key to run after the previous step",
    );
  });

  it("rejects acceptance criteria that are not strings or are empty", () => {
    const list = errors(yaml("workflow:", "  name: w", "  steps:", "    - id: a", "      acceptance: [ok, {x: 1}, '']"));
    expect(list.map(where)).toEqual([
      [5, 24, 5, 30, "workflow.steps[0].acceptance[1]"],
      [5, 32, 5, 34, "workflow.steps[0].acceptance[2]"],
    ]);
    expect(list[0].message).toMatch(/^acceptance criterion #2 of step `a` must be a non-empty string, but it is a mapping/);
    expect(list[1].message).toMatch(/^acceptance criterion #3 of step `a` is empty/);
  });

  it("rejects malformed fields with the most specific complaint", () => {
    const list = errors(
      yaml("workflow:", "  name: w", "  steps:", "    - id: a", "      outputs:", "        - {name: 5}", "        - {type: str}", "        - ': str'", "        - 3"),
    );
    expect(list.map(where)).toEqual([
      [6, 18, 6, 19, "workflow.steps[0].outputs[0].name"],
      [7, 11, 7, 22, "workflow.steps[0].outputs[1].name"],
      [8, 11, 8, 18, "workflow.steps[0].outputs[2]"],
      [9, 11, 9, 12, "workflow.steps[0].outputs[3]"],
    ]);
    expect(list[0].message).toMatch(/^`name` of output #1 of step `a` must be a non-empty string, but it is the number `5`/);
    expect(list[1].message).toBe(
      "missing `name` in output #2 of step `a` — add it, e.g. `name: email`, or use the one-pair shorthand `- email: str`",
    );
    expect(list[2].message).toBe("output #3 of step `a` has no field name before the colon — write e.g. `email` or `email: str`");
    expect(list[3].message).toMatch(/^output #4 of step `a` must be a field: `email`, `email: str`, or a mapping/);
  });
});

describe("names, ids and language", () => {
  it("requires a snake_case workflow name and suggests one", () => {
    const d = onlyError(yaml("workflow:", "  name: CustomerOnboarding", "  steps: [a]"));
    expect(where(d)).toEqual([2, 9, 2, 27, "workflow.name"]);
    expect(d.message).toBe(
      "`CustomerOnboarding` is not a valid workflow name — use snake_case: lowercase letters, digits and underscores, starting with a letter, e.g. `customer_onboarding`",
    );
  });

  it("requires snake_case step ids in both forms", () => {
    const list = errors(yaml("workflow:", "  name: w", "  steps:", "    - Send-Email", "    - id: 2fa_check"));
    expect(list.map(where)).toEqual([
      [4, 7, 4, 17, "workflow.steps[0]"],
      [5, 11, 5, 20, "workflow.steps[1].id"],
    ]);
    expect(list[0].message).toMatch(/^`Send-Email` is not a valid step id — use snake_case.*e\.g\. `send_email`$/);
    expect(list[1].message).toMatch(/^`2fa_check` is not a valid step id — use snake_case.*e\.g\. `fa_check`$/);
  });

  it("limits ids to 64 characters", () => {
    const long = "a".repeat(65);
    const d = onlyError(yaml("workflow:", "  name: w", "  steps:", `    - ${long}`));
    expect(where(d)).toEqual([4, 7, 4, 72, "workflow.steps[0]"]);
    expect(d.message).toBe("step `" + "a".repeat(37) + "...` is 65 characters long, over the limit of 64 — shorten it");
    expect(validateSpec(yaml("workflow:", "  name: w", "  steps:", `    - ${"a".repeat(64)}`)).valid).toBe(true);
  });

  it("rejects an unsupported language", () => {
    const d = onlyError(yaml("workflow:", "  name: w", "  language: java", "  steps: [a]"));
    expect(where(d)).toEqual([3, 13, 3, 17, "workflow.language"]);
    expect(d.message).toBe(
      "unsupported language `java` — use `python` or `typescript` (the default is `python` when `language` is left out)",
    );
  });

  it("accepts typescript", () => {
    expect(validateSpec(yaml("workflow:", "  name: w", "  language: typescript", "  steps: [a]")).spec?.language).toBe(
      "typescript",
    );
  });

  it("reports every structural problem at once, in document order", () => {
    const list = errors(yaml("workflow:", "  name: Bad Name", "  language: 3", "  steps:", "    - ok", "    - 1"));
    expect(list.map((d) => d.path)).toEqual(["workflow.name", "workflow.language", "workflow.steps[1]"]);
  });
});

describe("empty values", () => {
  it("points an empty list item at its dash", () => {
    const d = onlyError(yaml("workflow:", "  name: w", "  steps:", "    - a", "    -"));
    expect(where(d)).toEqual([5, 5, 5, 6, "workflow.steps[1]"]);
    expect(d.message).toMatch(/^step #2 has no value — give it a step id or a mapping with an `id` key.*, or remove the entry$/);
  });

  it("explains empty names and ids", () => {
    const list = errors(yaml("workflow:", "  name: ''", "  steps:", "    - id: ''"));
    expect(list.map(where)).toEqual([
      [2, 9, 2, 11, "workflow.name"],
      [4, 11, 4, 13, "workflow.steps[0].id"],
    ]);
    expect(list[0].message).toBe(
      "`workflow.name` is empty — give it a workflow name (snake_case: lowercase letters, digits and underscores, starting with a letter)",
    );
    expect(list[1].message).toMatch(/^`id` in step #1 is empty — give it a step id/);
  });

  it("reads YAML 1.1 style values as plain strings", () => {
    const result = validateSpec(yaml("%YAML 1.1", "---", "workflow:", "  name: yes", "  steps: [on, off]"));
    expect(result.valid).toBe(true);
    expect(result.spec?.steps.map((s) => s.id)).toEqual(["on", "off"]);
  });
});

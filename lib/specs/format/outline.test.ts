import { describe, expect, it } from "vitest";
import { CUSTOMER_ONBOARDING_EXAMPLE, SHORT_FORM_EXAMPLE } from "../examples";
import { dependsOnCompletion, stepIdsForCompletion, stepOutline } from "./index";

const yaml = (...lines: string[]) => lines.join("\n") + "\n";

describe("stepOutline", () => {
  it("lists short-form ids with their positions", () => {
    expect(stepOutline(SHORT_FORM_EXAMPLE)).toEqual([
      { id: "validate_input", line: 4, column: 7 },
      { id: "create_crm_account", line: 5, column: 7 },
      { id: "send_welcome_email", line: 6, column: 7 },
      { id: "log_to_db", line: 7, column: 7 },
    ]);
  });

  it("points long-form entries at the id value", () => {
    expect(stepOutline(CUSTOMER_ONBOARDING_EXAMPLE).map((e) => [e.id, e.line, e.column])).toEqual([
      ["validate_input", 6, 11],
      ["create_crm_account", 26, 11],
      ["send_welcome_email", 35, 11],
      ["log_to_db", 42, 11],
    ]);
  });

  it("keeps going on a schema-invalid document (duplicates, bad ids, id not first)", () => {
    const text = yaml("workflow:", "  steps:", "    - a", "    - Bad-Id", "    - description: x", "      id: c", "    - 42", "    - a");
    expect(stepOutline(text)).toEqual([
      { id: "a", line: 3, column: 7 },
      { id: "Bad-Id", line: 4, column: 7 },
      { id: "c", line: 6, column: 11 },
      { id: "a", line: 8, column: 7 },
    ]);
  });

  it("recovers steps after a syntax error that the parser drops", () => {
    const text = yaml("workflow:", "  name: w", "  steps:", "    - a", "   - b", "    - id: c", "      depends_on: [a", "    - d  # last");
    expect(stepOutline(text)).toEqual([
      { id: "a", line: 4, column: 7 },
      { id: "b", line: 5, column: 6 },
      { id: "c", line: 6, column: 11 },
      { id: "d", line: 8, column: 7 },
    ]);
  });

  it("reads a flow-style list while the text is broken", () => {
    const text = yaml("workflow:", "  name: 'w", "  steps: [first, second, 'third']");
    expect(stepOutline(text).map((e) => [e.id, e.line, e.column])).toEqual([
      ["first", 3, 11],
      ["second", 3, 18],
      ["third", 3, 26],
    ]);
  });

  it("returns nothing when there are no steps", () => {
    expect(stepOutline("")).toEqual([]);
    expect(stepOutline("workflow:\n  name: w\n")).toEqual([]);
    expect(stepOutline("\u0000\u0001garbage")).toEqual([]);
  });
});

describe("completion helpers", () => {
  it("lists distinct step ids in order", () => {
    expect(stepIdsForCompletion(yaml("workflow:", "  steps: [a, b, a, c]"))).toEqual(["a", "b", "c"]);
  });

  const spec = yaml(
    "workflow:",
    "  name: w",
    "  steps:",
    "    - validate_input",
    "    - create_account",
    "    - id: send_email",
    "      depends_on: [validate_input, ]",
    "    - id: log",
    "      depends_on:",
    "        - create_account",
    "        - cr",
  );

  it("completes inside a flow depends_on, without the step itself and ids already listed", () => {
    const offset = spec.indexOf("validate_input, ]") + "validate_input, ".length;
    expect(dependsOnCompletion(spec, offset)).toEqual({ from: offset, to: offset, ids: ["create_account", "log"] });
  });

  it("completes a partial entry of a block depends_on list and reports the range to replace", () => {
    const offset = spec.lastIndexOf("- cr") + 4;
    expect(dependsOnCompletion(spec, offset)).toEqual({
      from: offset - 2,
      to: offset,
      ids: ["validate_input", "send_email"],
    });
  });

  it("does not complete outside depends_on", () => {
    expect(dependsOnCompletion(spec, spec.indexOf("create_account"))).toBeNull();
    expect(dependsOnCompletion(spec, spec.indexOf("name: w") + 7)).toBeNull();
  });
});

describe("robustness", () => {
  it("never throws on arbitrary text and cursor positions", () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = "workflow:steps - id depends_on: [a, b] {}\n\n   '\"#&*|>\t\u0000é";
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: Math.floor(random() * 160) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      const outline = stepOutline(text);
      for (const entry of outline) expect(entry.line).toBeGreaterThanOrEqual(1);
      const offset = Math.floor(random() * (text.length + 1));
      const completion = dependsOnCompletion(text, offset);
      if (completion) expect(completion.from).toBeLessThanOrEqual(offset);
      expect(stepIdsForCompletion(text).length).toBeLessThanOrEqual(outline.length);
    }
  });
});

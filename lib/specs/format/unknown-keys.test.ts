import { describe, expect, it } from "vitest";
import { validateSpec } from "./index";

const yaml = (...lines: string[]) => lines.join("\n") + "\n";

describe("unknown keys", () => {
  it("warns at each unknown key while the spec stays valid", () => {
    const result = validateSpec(
      yaml(
        "version: 2",
        "workflow:",
        "  name: w",
        "  owner: team-a",
        "  steps:",
        "    - id: a",
        "      dependsOn: [x]",
        "      inputs:",
        "        - name: email",
        "          required: true",
        "        - plan: str",
      ),
    );
    expect(result.valid).toBe(true);
    expect(result.spec?.steps[0].inputs).toEqual([{ name: "email" }, { name: "plan", type: "str" }]);
    expect(result.diagnostics.map((d) => [d.severity, d.line, d.column, d.endLine, d.endColumn, d.path])).toEqual([
      ["warning", 1, 1, 1, 8, "version"],
      ["warning", 4, 3, 4, 8, "workflow.owner"],
      ["warning", 7, 7, 7, 16, "workflow.steps[0].dependsOn"],
      ["warning", 10, 11, 10, 19, "workflow.steps[0].inputs[0].required"],
    ]);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      "unknown key `version` at the top level — it is ignored; known keys are: workflow",
      "unknown key `owner` in `workflow` — it is ignored; known keys are: name, description, language, steps",
      "unknown key `dependsOn` in step `a` (did you mean `depends_on`?) — it is ignored; known keys are: id, description, inputs, outputs, depends_on, acceptance",
      "unknown key `required` in input `email` of step `a` — it is ignored; known keys are: name, type, description",
    ]);
  });

  it("suggests close spellings", () => {
    const [d] = validateSpec(yaml("workflow:", "  name: w", "  steps:", "    - id: a", "      acceptence: [ok]")).diagnostics;
    expect(d.message).toMatch(/^unknown key `acceptence` in step `a` \(did you mean `acceptance`\?\)/);
  });

  it("ignores the unknown depends_on spelling for ordering (the step keeps the implicit dependency)", () => {
    const spec = validateSpec(yaml("workflow:", "  name: w", "  steps:", "    - a", "    - id: b", "      depends-on: []")).spec;
    expect(spec?.steps[1].dependsOn).toEqual(["a"]);
  });
});

import { describe, expect, it } from "vitest";
import type { SpecDiagnostic } from "../types";
import { validateSpec } from "./index";

const yaml = (...lines: string[]) => lines.join("\n") + "\n";
const head = ["workflow:", "  name: w", "  steps:"];
const steps = (...lines: string[]) => yaml(...head, ...lines);
const errors = (text: string) => validateSpec(text).diagnostics.filter((d) => d.severity === "error");
const where = (d: SpecDiagnostic) => [d.line, d.column, d.endLine, d.endColumn, d.path];

describe("duplicate step ids", () => {
  it("points at the second occurrence and names the first one's line", () => {
    const list = errors(steps("    - a", "    - b", "    - id: a", "      description: again"));
    expect(list.map(where)).toEqual([[6, 11, 6, 12, "workflow.steps[2].id"]]);
    expect(list[0].message).toBe(
      "duplicate step id `a` — the step on line 4 already uses it; step ids must be unique, so rename one of them",
    );
  });

  it("reports each further repeat against the first", () => {
    const list = errors(steps("    - a", "    - a", "    - a"));
    expect(list.map((d) => [d.line, d.column, d.path])).toEqual([
      [5, 7, "workflow.steps[1]"],
      [6, 7, "workflow.steps[2]"],
    ]);
    expect(list.every((d) => d.message.includes("the step on line 4"))).toBe(true);
  });
});

describe("depends_on references", () => {
  it("suggests the closest existing id for an unknown dependency", () => {
    const list = errors(steps("    - validate_input", "    - id: create_account", "      depends_on: [validate_inptu]"));
    expect(list.map(where)).toEqual([[6, 20, 6, 34, "workflow.steps[1].depends_on[0]"]]);
    expect(list[0].message).toBe(
      "step `create_account` depends on `validate_inptu`, but there is no step with that id — did you mean `validate_input`?",
    );
  });

  it("lists the existing steps when nothing is close", () => {
    const [d] = errors(steps("    - alpha", "    - id: beta", "      depends_on:", "        - send_invoice"));
    expect(where(d)).toEqual([7, 11, 7, 23, "workflow.steps[1].depends_on[0]"]);
    expect(d.message).toBe(
      "step `beta` depends on `send_invoice`, but there is no step with that id — add a step `send_invoice` or remove it from `depends_on` (existing steps: alpha, beta)",
    );
  });

  it("rejects a step depending on itself", () => {
    const list = errors(steps("    - a", "    - id: b", "      depends_on: [a, b]"));
    expect(list.map(where)).toEqual([[6, 23, 6, 24, "workflow.steps[1].depends_on[1]"]]);
    expect(list[0].message).toBe("step `b` depends on itself — remove `b` from its `depends_on`");
  });

  it("still checks references when the schema has other complaints", () => {
    const list = errors(steps("    - Bad-Id", "    - id: b", "      depends_on: [nope]"));
    expect(list.map((d) => d.path)).toEqual(["workflow.steps[0]", "workflow.steps[1].depends_on[0]"]);
  });
});

describe("cycles", () => {
  it("names a three-step cycle and points at the first depends_on entry in it", () => {
    const list = errors(
      steps(
        "    - id: a",
        "      depends_on: [c]",
        "    - id: b",
        "      depends_on: [a]",
        "    - id: c",
        "      depends_on: [b]",
      ),
    );
    expect(list.map(where)).toEqual([[5, 20, 5, 21, "workflow.steps[0].depends_on[0]"]]);
    expect(list[0].message).toBe(
      "dependency cycle: a → c → b → a — each step waits for the next, so none of them can run; remove one of these dependencies",
    );
  });

  it("reports a two-step cycle once", () => {
    const list = errors(steps("    - id: a", "      depends_on: [b]", "    - id: b", "      depends_on: [a]"));
    expect(list.map((d) => [d.line, d.column, d.message.split(" — ")[0]])).toEqual([[5, 20, "dependency cycle: a → b → a"]]);
  });

  it("reports independent cycles separately", () => {
    const list = errors(
      steps(
        "    - { id: a, depends_on: [b] }",
        "    - { id: b, depends_on: [a] }",
        "    - { id: c, depends_on: [d] }",
        "    - { id: d, depends_on: [c] }",
      ),
    );
    expect(list.map((d) => [d.line, d.path, d.message.split(" — ")[0]])).toEqual([
      [4, "workflow.steps[0].depends_on[0]", "dependency cycle: a → b → a"],
      [6, "workflow.steps[2].depends_on[0]", "dependency cycle: c → d → c"],
    ]);
  });

  it("includes implicit previous-step edges and explains them", () => {
    const list = errors(steps("    - id: a", "      depends_on: [c]", "    - b", "    - c"));
    expect(list.map(where)).toEqual([[5, 20, 5, 21, "workflow.steps[0].depends_on[0]"]]);
    expect(list[0].message).toBe(
      "dependency cycle: a → c → b → a — each step waits for the next, so none of them can run; remove one of these dependencies (c → b and b → a are implicit: a step without `depends_on` runs after the previous step; give it an explicit `depends_on` to change that)",
    );
  });

  it("accepts diamonds and forward references without a cycle", () => {
    const result = validateSpec(
      steps(
        "    - id: report",
        "      depends_on: [left, right]",
        "    - id: start",
        "      depends_on: []",
        "    - id: left",
        "      depends_on: [start]",
        "    - id: right",
        "      depends_on: [start]",
      ),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.spec?.steps.map((s) => s.dependsOn)).toEqual([["left", "right"], [], ["start"], ["start"]]);
  });

  it("shortens very long cycles and handles long chains without overflowing", () => {
    const lines = ["    - id: s0", "      depends_on: [s2999]", ...Array.from({ length: 2999 }, (_, i) => `    - s${i + 1}`)];
    const [d] = errors(steps(...lines));
    expect(d.path).toBe("workflow.steps[0].depends_on[0]");
    expect(d.message).toMatch(/^dependency cycle: s0 → s2999 → s2998 → s2997 → s2996 → s2995 → … → s4 → s3 → s2 → s1 → s0 \(3000 steps\)/);
  });
});

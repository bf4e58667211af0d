import { describe, expect, it } from "vitest";
import { CUSTOMER_ONBOARDING_EXAMPLE, INVOICE_PROCESSING_EXAMPLE, SHORT_FORM_EXAMPLE, SPEC_EXAMPLES } from "../examples";
import { validateSpec } from "./index";

const yaml = (...lines: string[]) => lines.join("\n") + "\n";
const bare = (id: string, dependsOn: string[]) => ({ id, description: "", inputs: [], outputs: [], dependsOn, acceptance: [] });

describe("validateSpec: short form", () => {
  it("accepts the short form as-is and chains the steps in list order", () => {
    const result = validateSpec(SHORT_FORM_EXAMPLE);
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.spec).toEqual({
      name: "customer_onboarding",
      description: "",
      language: "python",
      steps: [
        bare("validate_input", []),
        bare("create_crm_account", ["validate_input"]),
        bare("send_welcome_email", ["create_crm_account"]),
        bare("log_to_db", ["send_welcome_email"]),
      ],
    });
  });

  it("accepts a flow-style step list and a single step", () => {
    expect(validateSpec("workflow: { name: one, steps: [only_step] }").spec?.steps).toEqual([bare("only_step", [])]);
  });

  it("tolerates CRLF line endings, a BOM, comments and a leading document marker", () => {
    const text = "\uFEFF---\r\n# onboarding\r\nworkflow:\r\n  name: x  # trailing\r\n  steps:\r\n    - a\r\n    - b\r\n";
    const result = validateSpec(text);
    expect(result.valid).toBe(true);
    expect(result.spec?.steps.map((s) => [s.id, s.dependsOn])).toEqual([["a", []], ["b", ["a"]]]);
  });
});

describe("validateSpec: long form", () => {
  it("normalizes every key of the customer onboarding example", () => {
    const result = validateSpec(CUSTOMER_ONBOARDING_EXAMPLE);
    expect(result.diagnostics).toEqual([]);
    const spec = result.spec!;
    expect(spec.name).toBe("customer_onboarding");
    expect(spec.description).toBe("Registers a new customer, creates their CRM account and welcomes them.");
    expect(spec.language).toBe("python");
    expect(spec.steps[0]).toEqual({
      id: "validate_input",
      description:
        'Check the sign-up form. The e-mail address must be well-formed and the\nplan must be one of "free", "pro" or "enterprise".',
      inputs: [
        { name: "email", type: "str" },
        { name: "plan", type: "str" },
        { name: "company", type: "str", description: "optional company name, may be empty" },
      ],
      outputs: [{ name: "customer", type: "Customer", description: "the validated, normalized sign-up data" }],
      dependsOn: [],
      acceptance: [
        'rejects an e-mail address without "@"',
        "rejects an unknown plan with a clear error message",
        "lower-cases the e-mail address",
      ],
    });
    expect(spec.steps[1].inputs).toEqual([{ name: "customer", type: "Customer" }]);
    expect(spec.steps[2].inputs).toEqual([{ name: "customer" }, { name: "crm_id" }]);
    expect(spec.steps[3].dependsOn).toEqual(["create_crm_account", "send_welcome_email"]);
  });

  it("mixes short- and long-form steps; a step without depends_on follows the previous one", () => {
    const spec = validateSpec(INVOICE_PROCESSING_EXAMPLE).spec!;
    expect(spec.language).toBe("typescript");
    expect(spec.steps.map((s) => [s.id, s.dependsOn])).toEqual([
      ["extract_invoice", []],
      ["match_purchase_order", ["extract_invoice"]],
      ["check_duplicates", ["extract_invoice"]],
      ["approve", ["match_purchase_order", "check_duplicates"]],
      ["book_payable", ["approve"]],
      ["schedule_payment", ["book_payable"]],
    ]);
  });

  it("distinguishes a missing depends_on (previous step) from an explicit empty one (none)", () => {
    const spec = validateSpec(
      yaml("workflow:", "  name: w", "  steps:", "    - a", "    - id: b", "    - id: c", "      depends_on: []"),
    ).spec!;
    expect(spec.steps.map((s) => s.dependsOn)).toEqual([[], ["a"], []]);
  });

  it("reads all field notations and trims them", () => {
    const spec = validateSpec(
      yaml(
        "workflow:",
        "  name: w",
        "  steps:",
        "    - id: a",
        "      inputs:",
        "        - email",
        '        - "plan : str "',
        "        - count: int",
        "        - tags: Dict[str, int]",
        "        - { name: customer, type: Customer, description: ' who ' }",
        "        - name: raw",
        "        - 'note:'",
      ),
    ).spec!;
    expect(spec.steps[0].inputs).toEqual([
      { name: "email" },
      { name: "plan", type: "str" },
      { name: "count", type: "int" },
      { name: "tags", type: "Dict[str, int]" },
      { name: "customer", type: "Customer", description: "who" },
      { name: "raw" },
      { name: "note" },
    ]);
  });

  it("drops repeated depends_on entries in the normalized spec (and warns)", () => {
    const result = validateSpec(yaml("workflow:", "  name: w", "  steps:", "    - a", "    - id: b", "      depends_on: [a, a]"));
    expect(result.valid).toBe(true);
    expect(result.spec!.steps[1].dependsOn).toEqual(["a"]);
    expect(result.diagnostics.map((d) => [d.severity, d.line, d.column, d.path])).toEqual([
      ["warning", 6, 23, "workflow.steps[1].depends_on[1]"],
    ]);
  });

  it("defaults the description to an empty string and the language to python", () => {
    const spec = validateSpec(yaml("workflow:", "  name: w", "  steps: [a]")).spec!;
    expect([spec.description, spec.language]).toEqual(["", "python"]);
  });

  it("validates every shipped example", () => {
    for (const example of SPEC_EXAMPLES) {
      const result = validateSpec(example.yaml);
      expect({ id: example.id, diagnostics: result.diagnostics }).toEqual({ id: example.id, diagnostics: [] });
    }
  });

  it("leaves no spec on an invalid document", () => {
    const result = validateSpec(yaml("workflow:", "  name: w", "  steps: []"));
    expect(result.valid).toBe(false);
    expect(result.spec).toBeUndefined();
  });
});

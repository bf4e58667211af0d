import type { Spec, SpecStep } from "../../specs/types";
import { SCAFFOLDER_LABEL } from "./constants";
import { namesOf } from "./names";
import { slug, UniqueNames } from "./tests-common";
import { pyDocText, quote } from "./text";
import { mapType } from "./type-hints";

/**
 * pytest module for one step: real tests for what the scaffold already does (input validation, output
 * keys) and one skipped TODO test per acceptance criterion, so unfinished criteria show up as "skipped"
 * in every test run instead of silently passing.
 */
export function pythonTestModule(spec: Spec, step: SpecStep): string {
  const { fn, typeBase, importFromTest } = namesOf(spec, step.id);
  const names = new UniqueNames("python");
  const sample = step.inputs.map((f) => `        ${quote(f.name)}: ${mapType(f.type).pySample},`).join("\n");
  const blocks: string[] = [];

  blocks.push(
    [
      `def valid_input() -> ${typeBase}Input:`,
      '    """One value per declared input; replace with realistic data."""',
      sample ? `    return {\n${sample}\n    }` : "    return {}",
    ].join("\n"),
    [
      `def ${names.take("test_rejects_non_dict_input")}():`,
      "    with pytest.raises(ValueError):",
      `        ${fn}("not a dict")  # type: ignore[arg-type]`,
    ].join("\n"),
  );

  for (const field of step.inputs) {
    blocks.push(
      [
        `def ${names.take(`test_missing_${slug(field.name) || "input"}_raises_value_error`)}():`,
        "    data = dict(valid_input())",
        `    del data[${quote(field.name)}]`,
        "    with pytest.raises(ValueError) as excinfo:",
        `        ${fn}(data)  # type: ignore[arg-type]`,
        `    assert ${quote(field.name)} in str(excinfo.value)`,
      ].join("\n"),
    );
  }

  const expected = step.outputs.map((f) => quote(f.name)).join(", ");
  blocks.push(
    [
      `def ${names.take("test_returns_every_declared_output")}():`,
      `    result = ${fn}(valid_input())`,
      expected ? `    assert {${expected}} <= set(result)` : "    assert isinstance(result, dict)",
    ].join("\n"),
  );

  step.acceptance.forEach((criterion, i) => {
    blocks.push(
      [
        `def ${names.take(`test_acceptance_${i + 1}_${slug(criterion)}`.replace(/_$/, ""))}():`,
        `    """Acceptance criterion ${i + 1}: ${pyDocText(criterion)}"""`,
        '    pytest.skip("TODO: write this acceptance test")',
      ].join("\n"),
    );
  });

  const header = [
    `"""Tests for step \`${pyDocText(step.id)}\` of the workflow \`${pyDocText(spec.name)}\`.`,
    "",
    `Scaffolded by the ${SCAFFOLDER_LABEL}: acceptance tests are skipped TODOs until written.`,
    '"""',
    "",
    "import pytest",
    "",
    `from ${importFromTest} import ${typeBase}Input, ${fn}`,
  ].join("\n");
  return `${header}\n\n\n${blocks.join("\n\n\n")}\n`;
}

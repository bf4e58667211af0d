import type { Spec, SpecStep } from "../../specs/types";
import { SCAFFOLDER_LABEL } from "./constants";
import { namesOf } from "./names";
import { quote } from "./text";
import { jsDoc, tsKey } from "./ts-step";
import { mapType } from "./type-hints";

/**
 * vitest module for one step: real tests for the input validation and output keys the scaffold already
 * has, and one `it.todo` per acceptance criterion so unfinished criteria are listed in every run.
 */
export function tsTestModule(spec: Spec, step: SpecStep): string {
  const { fn, typeBase, importFromTest } = namesOf(spec, step.id);
  const sample = step.inputs.map((f) => `    ${tsKey(f.name)}: ${mapType(f.type).tsSample},`).join("\n");
  const cases: string[] = [
    [
      '  it("rejects inputs that are not an object", () => {',
      `    expect(() => ${fn}("not an object" as unknown as ${typeBase}Input)).toThrow(TypeError);`,
      "  });",
    ].join("\n"),
  ];

  for (const field of step.inputs) {
    cases.push(
      [
        `  it(${quote(`rejects a missing ${field.name}`)}, () => {`,
        "    const data: Record<string, unknown> = { ...validInput() };",
        `    delete data[${quote(field.name)}];`,
        `    expect(() => ${fn}(data as unknown as ${typeBase}Input)).toThrow(${quote(field.name)});`,
        "  });",
      ].join("\n"),
    );
  }

  const expected = step.outputs.map((f) => quote(f.name)).join(", ");
  cases.push(
    [
      '  it("returns every declared output", () => {',
      `    const result = ${fn}(validInput());`,
      expected
        ? `    expect(Object.keys(result)).toEqual(expect.arrayContaining([${expected}]));`
        : '    expect(typeof result).toBe("object");',
      "  });",
    ].join("\n"),
  );

  step.acceptance.forEach((criterion, i) => {
    cases.push(`  it.todo(${quote(`acceptance ${i + 1}: ${criterion}`)});`);
  });

  return [
    jsDoc(
      `Tests for step \`${step.id}\` of the workflow \`${spec.name}\`.\n\nScaffolded by the ${SCAFFOLDER_LABEL}: acceptance tests are todos until written.`,
    ),
    'import { describe, expect, it } from "vitest";',
    `import { ${fn}, type ${typeBase}Input } from ${quote(importFromTest)};`,
    "",
    `/** One value per declared input; replace with realistic data. */`,
    `function validInput(): ${typeBase}Input {`,
    sample ? `  return {\n${sample}\n  };` : "  return {};",
    "}",
    "",
    `describe(${quote(step.id)}, () => {`,
    cases.join("\n\n"),
    "});",
    "",
  ].join("\n");
}

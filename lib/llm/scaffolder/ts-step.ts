import type { Spec, SpecField, SpecStep } from "../../specs/types";
import { SCAFFOLDER_LABEL } from "./constants";
import { isPlainIdentifier, namesOf } from "./names";
import { commentText, indent, jsDocText, quote } from "./text";
import { mapType } from "./type-hints";

/** A property key: bare when it is an identifier, quoted otherwise ("user-data" stays a valid key). */
export function tsKey(name: string): string {
  return isPlainIdentifier(name, "typescript") ? name : quote(name);
}

/** Input/output types; an empty field list is `Record<string, never>` (an empty interface trips linters). */
function typeDecl(name: string, fields: SpecField[]): string {
  if (fields.length === 0) return `export type ${name} = Record<string, never>;`;
  const body = fields.map((f) => `  ${tsKey(f.name)}: ${mapType(f.type).ts};`).join("\n");
  return `export interface ${name} {\n${body}\n}`;
}

function tsTypes(spec: Spec, step: SpecStep): string {
  const { typeBase } = namesOf(spec, step.id);
  return `${typeDecl(`${typeBase}Input`, step.inputs)}\n\n${typeDecl(`${typeBase}Output`, step.outputs)}`;
}

/** The step's types and signature; also shown to the model for the steps the current one depends on. */
export function tsInterface(spec: Spec, step: SpecStep): string {
  const { fn, typeBase } = namesOf(spec, step.id);
  return `${tsTypes(spec, step)}\n\nexport declare function ${fn}(data: ${typeBase}Input): ${typeBase}Output;`;
}

/** A /** doc comment *\/ with every line of `text` escaped so it cannot close the comment. */
export function jsDoc(text: string, prefix = ""): string {
  const body = jsDocText(text)
    .split("\n")
    .map((line) => `${prefix} *${line ? ` ${line}` : ""}`)
    .join("\n");
  return `${prefix}/**\n${body}\n${prefix} */`;
}

function fieldLines(fields: SpecField[]): string {
  if (fields.length === 0) return "  (none)";
  return fields
    .map((f) => `  ${f.name} (${f.type?.trim() || "any"})${f.description ? `: ${f.description}` : ""}`)
    .join("\n");
}

function docText(step: SpecStep): string {
  const parts = [step.description.trim() || "(The spec gives no description for this step.)"];
  parts.push(`Inputs:\n${fieldLines(step.inputs)}`, `Outputs:\n${fieldLines(step.outputs)}`);
  if (step.acceptance.length > 0) {
    parts.push(`Acceptance criteria:\n${step.acceptance.map((a) => `  - ${a}`).join("\n")}`);
  }
  parts.push("@throws TypeError when the inputs are not an object or a declared input is missing.");
  return parts.join("\n\n");
}

export function tsStepModule(spec: Spec, step: SpecStep): string {
  const { fn, typeBase } = namesOf(spec, step.id);
  const required = step.inputs.map((f) => quote(f.name)).join(", ");
  const outputs = step.outputs
    .map((f) => `    ${tsKey(f.name)}: ${mapType(f.type).tsDefault}, // TODO: compute ${commentText(f.name)}`)
    .join("\n");
  const lines = [
    jsDoc(`Step \`${step.id}\` of the workflow \`${spec.name}\`.\n\nScaffolded by the ${SCAFFOLDER_LABEL}: replace the TODOs with the real logic.`),
    "",
    tsTypes(spec, step),
    "",
    `const REQUIRED_INPUTS: readonly string[] = [${required}];`,
    "",
    jsDoc(docText(step)),
    `export function ${fn}(data: ${typeBase}Input): ${typeBase}Output {`,
    '  if (typeof data !== "object" || data === null || Array.isArray(data)) {',
    `    throw new TypeError(${quote(`${step.id}: expected an object of inputs, got `)} + typeof data);`,
    "  }",
    "  const missing = REQUIRED_INPUTS.filter((name) => !(name in data));",
    "  if (missing.length > 0) {",
    `    throw new TypeError(${quote(`${step.id}: missing input(s): `)} + missing.join(", "));`,
    "  }",
    "  // TODO: implement the requirements in the doc comment above.",
    ...(step.inputs.length > 0
      ? ["  // The inputs are:", indent(step.inputs.map((f) => `//   data[${quote(f.name)}]`).join("\n"), "  ")]
      : []),
    outputs ? `  return {\n${outputs}\n  };` : "  return {};",
    "}",
    "",
  ];
  return lines.join("\n");
}

import type { Spec, SpecField, SpecStep } from "../../specs/types";
import { SCAFFOLDER_LABEL } from "./constants";
import { isPlainIdentifier, namesOf } from "./names";
import { commentText, indent, pyDocText, quote } from "./text";
import { mapType } from "./type-hints";

/** `class XInput(TypedDict)`, or the functional form when a field name is not an identifier. */
function typedDict(name: string, fields: SpecField[]): string {
  const entries = fields.map((f) => ({ key: f.name, type: mapType(f.type).py }));
  if (entries.some((e) => !isPlainIdentifier(e.key, "python"))) {
    const body = entries.map((e) => `${quote(e.key)}: ${e.type}`).join(", ");
    return `${name} = TypedDict(${quote(name)}, {${body}})`;
  }
  const body = entries.length > 0 ? entries.map((e) => `    ${e.key}: ${e.type}`).join("\n") : "    pass";
  return `class ${name}(TypedDict):\n${body}`;
}

/**
 * The step's public interface: its input/output types and the function signature. Also what a prompt
 * shows the model for the steps the current one depends on.
 */
export function pythonInterface(spec: Spec, step: SpecStep): string {
  const { fn, typeBase } = namesOf(spec, step.id);
  return `${pythonTypes(spec, step)}\n\n\ndef ${fn}(data: ${typeBase}Input) -> ${typeBase}Output: ...`;
}

function pythonTypes(spec: Spec, step: SpecStep): string {
  const { typeBase } = namesOf(spec, step.id);
  return `${typedDict(`${typeBase}Input`, step.inputs)}\n\n\n${typedDict(`${typeBase}Output`, step.outputs)}`;
}

function fieldLines(fields: SpecField[]): string {
  if (fields.length === 0) return "    (none)";
  return fields
    .map((f) => `    ${f.name} (${f.type?.trim() || "any"})${f.description ? `: ${f.description}` : ""}`)
    .join("\n");
}

/** Plain text of the function docstring; escaped once, by the caller. */
function docText(step: SpecStep): string {
  const parts = [step.description.trim() || "(The spec gives no description for this step.)"];
  parts.push(`Inputs:\n${fieldLines(step.inputs)}`, `Outputs:\n${fieldLines(step.outputs)}`);
  if (step.acceptance.length > 0) {
    parts.push(`Acceptance criteria:\n${step.acceptance.map((a) => `    - ${a}`).join("\n")}`);
  }
  parts.push("Raises:\n    ValueError: when the inputs are not a dict or a declared input is missing.");
  return parts.join("\n\n");
}

export function pythonStepModule(spec: Spec, step: SpecStep): string {
  const { fn, typeBase } = namesOf(spec, step.id);
  const usesAny = [...step.inputs, ...step.outputs].some((f) => mapType(f.type).py.includes("Any"));
  const required = step.inputs.map((f) => quote(f.name));
  const requiredTuple = required.length === 1 ? `(${required[0]},)` : `(${required.join(", ")})`;
  const readInputs = step.inputs.map((f) => `    #   data[${quote(f.name)}]`).join("\n");
  const outputs = step.outputs
    .map((f) => `        ${quote(f.name)}: ${mapType(f.type).pyDefault},  # TODO: compute ${commentText(f.name)}`)
    .join("\n");

  const lines = [
    `"""Step \`${pyDocText(step.id)}\` of the workflow \`${pyDocText(spec.name)}\`.`,
    "",
    `Scaffolded by the ${SCAFFOLDER_LABEL}: replace the TODOs with the real logic.`,
    '"""',
    "",
    "from __future__ import annotations",
    "",
    `from typing import ${usesAny ? "Any, " : ""}TypedDict`,
    "",
    "",
    pythonTypes(spec, step),
    "",
    "",
    `REQUIRED_INPUTS: tuple[str, ...] = ${requiredTuple}`,
    "",
    "",
    `def ${fn}(data: ${typeBase}Input) -> ${typeBase}Output:`,
    `    """${indent(pyDocText(docText(step)), "    ").trimStart()}`,
    '    """',
    "    if not isinstance(data, dict):",
    `        raise ValueError(${quote(`${step.id}: expected a dict of inputs, got `)} + type(data).__name__)`,
    "    missing = [name for name in REQUIRED_INPUTS if name not in data]",
    "    if missing:",
    `        raise ValueError(${quote(`${step.id}: missing input(s): `)} + ", ".join(missing))`,
    "    # TODO: implement the requirements in the docstring above.",
    ...(step.inputs.length > 0 ? ["    # The inputs are:", readInputs] : []),
    outputs ? `    return {\n${outputs}\n    }` : "    return {}",
    "",
  ];
  return lines.join("\n");
}

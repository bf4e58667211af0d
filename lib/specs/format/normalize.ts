/** Turns a schema-valid raw document into the canonical `Spec` every later stage works on. */
import type { Spec, SpecField, SpecStep } from "../types";
import type { RawField, RawSpec, RawStep } from "./schema";

/** Canonical form of a raw spec; assumes `specSchema` and the graph checks have passed. */
export function normalizeSpec(raw: RawSpec): Spec {
  const { workflow } = raw;
  const steps: SpecStep[] = [];
  workflow.steps.forEach((step, i) => {
    // No depends_on key (always the case for the short form) means "after the previous step",
    // so a spec without any depends_on runs in list order.
    const previous = i > 0 ? [stepId(workflow.steps[i - 1])] : [];
    steps.push(normalizeStep(step, previous));
  });
  return {
    name: workflow.name,
    description: (workflow.description ?? "").trim(),
    language: workflow.language,
    steps,
  };
}

function stepId(step: RawStep): string {
  return typeof step === "string" ? step : step.id;
}

function normalizeStep(step: RawStep, previous: string[]): SpecStep {
  if (typeof step === "string") {
    return { id: step, description: "", inputs: [], outputs: [], dependsOn: previous, acceptance: [] };
  }
  return {
    id: step.id,
    description: (step.description ?? "").trim(),
    inputs: (step.inputs ?? []).map(normalizeField),
    outputs: (step.outputs ?? []).map(normalizeField),
    dependsOn: step.depends_on ? [...new Set(step.depends_on)] : previous,
    acceptance: (step.acceptance ?? []).map((criterion) => criterion.trim()),
  };
}

/** `"email"`, `"email: str"`, `{ email: str }` and `{ name, type, description }` all become a SpecField. */
export function normalizeField(field: RawField): SpecField {
  if (typeof field === "string") {
    const colon = field.indexOf(":");
    if (colon === -1) return { name: field.trim() };
    return withOptional(field.slice(0, colon).trim(), field.slice(colon + 1).trim());
  }
  if ("name" in field && typeof field.name === "string") {
    return withOptional(field.name.trim(), field.type?.trim(), field.description?.trim());
  }
  const [[name, type]] = Object.entries(field as Record<string, string>);
  return withOptional(name.trim(), type.trim());
}

// Leave absent/blank optionals out instead of writing `type: ""`, so equality checks stay simple.
function withOptional(name: string, type?: string, description?: string): SpecField {
  const field: SpecField = { name };
  if (type) field.type = type;
  if (description) field.description = description;
  return field;
}

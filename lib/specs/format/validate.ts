/** The validation pipeline: load YAML, check shape, check the step graph, normalize. */
import type { SpecDiagnostic, ValidationResult } from "../types";
import { spanOf, type SourceDoc } from "./ast";
import { pathAtOffset } from "./locate";
import { finalizeDiagnostics, hasErrors, makeDiagnostic } from "./diagnostics";
import { extractSteps } from "./extract";
import { graphDiagnostics } from "./graph";
import { issuesToDiagnostics } from "./issues";
import { MAX_ALIAS_COUNT } from "./limits";
import { normalizeSpec } from "./normalize";
import { specSchema } from "./schema";
import { loadSource } from "./source";
import { unknownKeyWarnings } from "./unknown-keys";

/** Validates spec text; never throws. `valid` iff no error diagnostics; `spec` is set when valid. */
export function validateSpec(text: string): ValidationResult {
  try {
    return run(typeof text === "string" ? text : String(text));
  } catch (error) {
    // Last line of defence (e.g. pathological nesting exhausting the stack): report, don't crash the caller.
    const reason = error instanceof Error ? error.message : String(error);
    const message = `the spec could not be processed (${reason}) — simplify the document, e.g. reduce deep nesting`;
    return { valid: false, diagnostics: [{ line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error", message, path: "" }] };
  }
}

function run(text: string): ValidationResult {
  const loaded = loadSource(text);
  const diagnostics: SpecDiagnostic[] = [...loaded.diagnostics];
  const { source } = loaded;
  if (hasErrors(diagnostics)) return done(diagnostics);
  // No document at all (empty or blank text); a comments-only document gets the same message via the schema.
  if (!source) return done([...diagnostics, emptySpec()]);

  const data = toData(source, diagnostics);
  if (hasErrors(diagnostics)) return done(diagnostics);

  const parsed = specSchema.safeParse(data);
  if (!parsed.success) diagnostics.push(...issuesToDiagnostics(parsed.error.issues, source, data));
  diagnostics.push(...unknownKeyWarnings(source));
  diagnostics.push(...graphDiagnostics(source, extractSteps(source)));

  if (!parsed.success || hasErrors(diagnostics)) return done(diagnostics);
  return { ...done(diagnostics), spec: normalizeSpec(parsed.data) };
}

function toData(source: SourceDoc, diagnostics: SpecDiagnostic[]): unknown {
  try {
    // maxAliasCount stops "billion laughs" expansion; the pinned core schema never constructs code.
    return source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const firstAlias = [...source.aliases.keys()][0];
    const aliasProblem = firstAlias && /alias/i.test(reason);
    const message = aliasProblem
      ? `the spec uses YAML aliases too heavily (${reason}) — write the repeated values out instead of using \`*alias\` references`
      : `the spec could not be read (${reason}) — simplify the document, e.g. reduce deep nesting`;
    const span = (aliasProblem && spanOf(firstAlias)) || { start: 0, end: 0 };
    diagnostics.push(makeDiagnostic(source.lineCounter, span, "error", message, pathAtOffset(source, span.start)));
    return undefined;
  }
}

function emptySpec(): SpecDiagnostic {
  const message =
    "the spec is empty — start with `workflow:` followed by indented `name: customer_onboarding` and `steps:` lines";
  return { line: 1, column: 1, endLine: 1, endColumn: 1, severity: "error", message, path: "" };
}

function done(diagnostics: SpecDiagnostic[]): ValidationResult {
  const final = finalizeDiagnostics(diagnostics);
  return { valid: !hasErrors(final), diagnostics: final };
}

/** The normalized spec every later stage (generation, review, stale marking) works on, whatever form was written. */
export type TargetLanguage = "python" | "typescript";

export interface SpecField {
  name: string;
  /** free-form type hint as written in the spec, e.g. "str", "dict", "Customer" */
  type?: string;
  description?: string;
}

export interface SpecStep {
  /** unique snake_case id */
  id: string;
  /** the prose requirements of the step ("" when the short form gave only an id) */
  description: string;
  inputs: SpecField[];
  outputs: SpecField[];
  /** ids of other steps; acyclic */
  dependsOn: string[];
  acceptance: string[];
}

export interface Spec {
  name: string;
  description: string;
  language: TargetLanguage;
  steps: SpecStep[];
}

export type DiagnosticSeverity = "error" | "warning";

export interface SpecDiagnostic {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  /** 1-based, exclusive; equal to line/column when the problem has no extent */
  endLine: number;
  endColumn: number;
  severity: DiagnosticSeverity;
  /** what is wrong and how to fix it */
  message: string;
  /** the YAML path, e.g. "workflow.steps[2].depends_on[0]" */
  path: string;
}

export interface ValidationResult {
  valid: boolean;
  diagnostics: SpecDiagnostic[];
  /** present when valid */
  spec?: Spec;
}

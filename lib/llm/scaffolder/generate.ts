import type { Spec, SpecStep, TargetLanguage } from "../../specs/types";
import { composeAnswer } from "../answer-format";
import { flowPath, namesOf } from "./names";
import { pythonFlowModule } from "./python-flow";
import { pythonInterface, pythonStepModule } from "./python-step";
import { pythonTestModule } from "./python-test";
import { tsFlowModule } from "./ts-flow";
import { tsInterface, tsStepModule } from "./ts-step";
import { tsTestModule } from "./ts-test";

/**
 * The offline scaffolder: a deterministic template generator (no model, no clock, no randomness), so
 * the same spec always yields byte-identical files. It is the default generator when no provider is
 * configured and the reference answer the tests and the benchmark compare against.
 */

export interface GeneratedFile {
  path: string;
  language: TargetLanguage;
  kind: "step" | "test" | "flow" | "support";
  /** the step a step/test file belongs to */
  stepId?: string;
  content: string;
}

function findStep(spec: Spec, stepId: string): SpecStep {
  const step = spec.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`unknown step "${stepId}" in spec "${spec.name}"`);
  return step;
}

/** The step module and its test module. */
export function scaffoldStep(spec: Spec, stepId: string): { module: GeneratedFile; test: GeneratedFile } {
  const step = findStep(spec, stepId);
  const { modulePath, testPath } = namesOf(spec, stepId);
  const py = spec.language === "python";
  return {
    module: {
      path: modulePath,
      language: spec.language,
      kind: "step",
      stepId,
      content: py ? pythonStepModule(spec, step) : tsStepModule(spec, step),
    },
    test: {
      path: testPath,
      language: spec.language,
      kind: "test",
      stepId,
      content: py ? pythonTestModule(spec, step) : tsTestModule(spec, step),
    },
  };
}

/** The flow module wiring every step in depends_on order. */
export function scaffoldFlow(spec: Spec): GeneratedFile {
  return {
    path: flowPath(spec.language),
    language: spec.language,
    kind: "flow",
    content: spec.language === "python" ? pythonFlowModule(spec) : tsFlowModule(spec),
  };
}

/**
 * Every file of a project: step modules and tests, the flow, and for Python a root conftest.py (pytest
 * puts its folder on sys.path, so `from steps.x import x` works in tests without installing anything).
 */
export function scaffoldProject(spec: Spec): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const step of spec.steps) {
    const { module, test } = scaffoldStep(spec, step.id);
    files.push(module, test);
  }
  files.push(scaffoldFlow(spec));
  if (spec.language === "python") {
    files.push(
      { path: "steps/__init__.py", language: "python", kind: "support", content: "" },
      {
        path: "conftest.py",
        language: "python",
        kind: "support",
        content: '"""Makes the project root importable in tests (pytest adds this folder to sys.path)."""\n',
      },
    );
  }
  return files;
}

/** Types and signature of a step, as shown to a model for the steps the current one depends on. */
export function stepInterface(spec: Spec, stepId: string): string {
  const step = findStep(spec, stepId);
  return spec.language === "python" ? pythonInterface(spec, step) : tsInterface(spec, step);
}

/** The step's files in the answer format a model is asked for (one fenced block, module then test). */
export function scaffoldAnswer(spec: Spec, stepId: string): string {
  const { module, test } = scaffoldStep(spec, stepId);
  return composeAnswer(spec.language, module, test);
}

import type { Spec } from "../specs/types";
import { buildStepPrompt } from "./prompt-build";
import { scaffoldAnswer } from "./scaffolder";

/**
 * Token and cost estimate for a generation run, shown before the user starts one. chars/4 is the usual
 * rule of thumb for English and code; it is not a tokenizer, so the numbers are "about", not billing.
 */

/** USD per million tokens, as providers publish them. */
export interface Prices {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface StepEstimate {
  stepId: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface RunEstimate {
  steps: StepEstimate[];
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * A model's answer is the scaffold with the TODOs filled in and real tests written; in practice about
 * twice the scaffold's length. Using the scaffold as the base keeps the estimate proportional to the
 * step's real size (its inputs, outputs and criteria) rather than a flat guess.
 */
export const OUTPUT_TO_SCAFFOLD_RATIO = 2;

function cost(inputTokens: number, outputTokens: number, prices?: Prices): number {
  if (!prices) return 0;
  return (inputTokens * prices.inputPerMillion + outputTokens * prices.outputPerMillion) / 1_000_000;
}

/** One model call per step (the flow module is scaffolded, not generated). No prices = cost 0 (offline). */
export function estimateRun(spec: Spec, prices?: Prices): RunEstimate {
  const steps = spec.steps.map((step): StepEstimate => {
    const prompt = buildStepPrompt(spec, step.id);
    const inputTokens = estimateTokens(prompt.system) + estimateTokens(prompt.user);
    const outputTokens = Math.ceil(estimateTokens(scaffoldAnswer(spec, step.id)) * OUTPUT_TO_SCAFFOLD_RATIO);
    return { stepId: step.id, inputTokens, outputTokens, costUsd: cost(inputTokens, outputTokens, prices) };
  });
  const inputTokens = steps.reduce((sum, s) => sum + s.inputTokens, 0);
  const outputTokens = steps.reduce((sum, s) => sum + s.outputTokens, 0);
  return { steps, inputTokens, outputTokens, costUsd: cost(inputTokens, outputTokens, prices) };
}

/**
 * Everything about talking to a model for one step: the prompt, reading the code back out of the
 * answer, and what a run will cost. Split over small modules; this is the one place to import from.
 */
export { buildStepPrompt, neutralizeTags, DATA_TAGS, type StepPrompt } from "./prompt-build";
export { extractCode, type ExtractedCode } from "./extract-code";
export { estimateRun, estimateTokens, OUTPUT_TO_SCAFFOLD_RATIO, type Prices, type RunEstimate, type StepEstimate } from "./estimate";
export { composeAnswer, splitAnswerCode, fileMarker, type SplitCode } from "./answer-format";

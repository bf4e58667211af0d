/**
 * The offline scaffolder (deterministic templates, not an LLM) and its three faces: plain files,
 * a chunked stream, and an AI SDK language model.
 */
export {
  SCAFFOLDER_LABEL,
  OFFLINE_MODEL_ID,
  OFFLINE_PROVIDER_ID,
  OFFLINE_PROVIDER_OPTIONS_KEY,
} from "./constants";
export {
  scaffoldStep,
  scaffoldFlow,
  scaffoldProject,
  scaffoldAnswer,
  stepInterface,
  type GeneratedFile,
} from "./generate";
export { stepsInOrder, dependenciesOf } from "./order";
export { stepNames, flowPath, type StepNames } from "./names";
export { toLineChunks, streamChunks, streamScaffoldAnswer, streamScaffoldFile, type ChunkOptions } from "./stream";
export { createOfflineModel, offlineProviderOptions, type LanguageModelV4, type OfflineModelOptions } from "./model";

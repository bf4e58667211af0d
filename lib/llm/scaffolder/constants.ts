/**
 * Shown wherever offline output appears (run logs, file headers, model picker) so nobody mistakes the
 * deterministic template output for something a model wrote.
 */
export const SCAFFOLDER_LABEL = "offline scaffold, not an LLM";

/** Provider/model ids the offline model reports to the AI SDK (and to usage/cost records). */
export const OFFLINE_PROVIDER_ID = "spec-studio.offline";
export const OFFLINE_MODEL_ID = "offline-scaffold";

/**
 * Key under `providerOptions` that carries `{ spec, stepId }` to the offline model: it writes code from
 * the structured spec, not from prose, so it needs the spec itself rather than the rendered prompt.
 */
export const OFFLINE_PROVIDER_OPTIONS_KEY = "specStudioOffline";

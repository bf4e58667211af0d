import type { LanguageModel } from "ai";
import type { DbTx } from "@/lib/db";
import { createModel } from "@/lib/llm/providers";
import { providerClientConfig } from "@/lib/providers/resolve";

/**
 * The AI SDK model a step calls, built once per process for each provider setting and model: building one reads
 * and decrypts the provider's row and compiles the SDK's stream schemas, which cost more than a short step's call.
 * The key holds the provider row's updated_at, so a changed setting (URL, key) is used by the next step.
 */
const MAX = 50;
const g = globalThis as unknown as { __studioStepModels?: Map<string, LanguageModel> };
const cache = (g.__studioStepModels ??= new Map());

export async function stepModel(db: DbTx, run: { providerId: string | null; providerUpdatedAt: Date | null; model: string }): Promise<LanguageModel> {
  const key = `${run.providerId ?? "offline"}\u0000${run.providerUpdatedAt?.getTime() ?? ""}\u0000${run.model}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const model = createModel(await providerClientConfig(db, run.providerId, run.model));
  cache.set(key, model);
  if (cache.size > MAX) cache.delete(cache.keys().next().value!);
  return model;
}

import type { DbTx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decryptSecret } from "@/lib/crypto/secret-box";
import type { ProviderConfig } from "@/lib/llm/providers";
import { OFFLINE_MODEL_ID } from "@/lib/llm/scaffolder";
import type { Prices } from "@/lib/llm/prompts";

/** The built-in offline scaffolder: always available, needs no key, costs nothing. Its id is "offline". */
export const OFFLINE_PROVIDER = { id: "offline", kind: "offline", name: "Offline scaffolder", model: OFFLINE_MODEL_ID } as const;

export interface ResolvedProvider {
  providerId: string | null;
  kind: string;
  name: string;
  model: string;
  prices?: Prices;
}

/**
 * Which provider and model a run uses: the ones asked for, else the workspace default, else the offline scaffolder.
 * Throws validation_failed for an unknown or disabled provider, or a model it does not offer.
 */
export async function resolveProvider(db: DbTx, workspaceId: string, want: { provider?: string; model?: string }): Promise<ResolvedProvider> {
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { defaultProviderId: true } });
  const ref = want.provider ?? ws.defaultProviderId ?? "offline";
  if (ref === "offline") {
    if (want.model && want.model !== OFFLINE_MODEL_ID) {
      throw new AppError("validation_failed", `The offline scaffolder has one model, "${OFFLINE_MODEL_ID}".`, { field: "model" });
    }
    return { providerId: null, kind: "offline", name: OFFLINE_PROVIDER.name, model: OFFLINE_MODEL_ID };
  }
  const p = await db.providerConfig.findFirst({ where: { workspaceId, OR: [{ id: ref }, { name: ref }] } });
  if (!p) throw new AppError("validation_failed", `Unknown provider "${ref}". Add it in Settings → Providers, or use "offline".`, { field: "provider" });
  if (!p.enabled) throw new AppError("validation_failed", `The provider "${p.name}" is disabled.`, { field: "provider" });
  const model = want.model ?? p.defaultModel;
  if (!p.models.includes(model)) {
    throw new AppError("validation_failed", `The provider "${p.name}" does not offer the model "${model}". Known: ${p.models.join(", ")}.`, { field: "model" });
  }
  const prices = (p.prices as unknown as Record<string, Prices>)[model];
  return { providerId: p.id, kind: p.kind, name: p.name, model, prices };
}

/** The client configuration for a stored provider, key decrypted; only the worker and connection tests call this. */
export async function providerClientConfig(db: DbTx, providerId: string | null, model: string): Promise<ProviderConfig> {
  if (providerId === null) return { kind: "offline" };
  const p = await db.providerConfig.findUnique({ where: { id: providerId } });
  if (!p) throw new AppError("not_found", "The run's provider was deleted.");
  const apiKey = p.encryptedKey ? decryptSecret(p.encryptedKey) : undefined;
  switch (p.kind) {
    case "openai":
    case "anthropic":
      if (!apiKey) throw new AppError("validation_failed", `The provider "${p.name}" has no API key. Add one in Settings → Providers.`);
      return { kind: p.kind, apiKey, baseURL: p.baseUrl ?? undefined, model };
    case "openai-compatible":
      return { kind: "openai-compatible", baseURL: p.baseUrl!, apiKey, model, name: p.name };
    default:
      throw new AppError("validation_failed", `Unsupported provider kind "${p.kind}".`);
  }
}

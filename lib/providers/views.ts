import type { Prisma } from "@/lib/generated/prisma/client";
import { SCAFFOLDER_LABEL as OFFLINE_LABEL } from "@/lib/llm/scaffolder";
import type { ProviderKind } from "@/lib/providers/schemas";

type Row = Prisma.ProviderConfigGetPayload<object>;

/** What leaves the server about a provider: never the key itself. */
export function toProviderView(p: Row, defaultProviderId: string | null) {
  const kind = p.kind as ProviderKind;
  return {
    id: p.id,
    kind,
    name: p.name,
    label: kind === "offline" ? `${p.name} (${OFFLINE_LABEL})` : p.name,
    isLlm: kind !== "offline",
    baseUrl: p.baseUrl,
    hasKey: p.encryptedKey !== null,
    keyHint: p.keyHint,
    models: p.models,
    defaultModel: p.defaultModel,
    prices: p.prices as unknown as Record<string, { inputPerMillion: number; outputPerMillion: number }>,
    enabled: p.enabled,
    isDefault: p.id === defaultProviderId,
  };
}

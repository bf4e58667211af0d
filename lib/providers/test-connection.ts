import type { DbTx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createModel, ProviderError, streamStepCompletion } from "@/lib/llm/providers";
import { providerClientConfig } from "@/lib/providers/resolve";

/** A tiny real call to the provider; never throws for provider faults, it reports them. */
export async function testProviderConnection(db: DbTx, workspaceId: string, providerId: string) {
  const p = await db.providerConfig.findFirst({ where: { id: providerId, workspaceId } });
  if (!p) throw new AppError("not_found", "Provider was not found.");
  const started = Date.now();
  try {
    const model = createModel(await providerClientConfig(db, p.id, p.defaultModel));
    const out = await streamStepCompletion({
      model,
      prompt: { system: "You are a connection check. Answer with the single word: ok", user: "Reply with ok." },
      timeoutMs: 15_000,
      maxOutputTokens: 16,
    });
    return { ok: true, model: p.defaultModel, latencyMs: Date.now() - started, answer: out.text.slice(0, 100) };
  } catch (err) {
    const pe = err instanceof ProviderError ? err : null;
    return { ok: false, model: p.defaultModel, latencyMs: Date.now() - started, error: { kind: pe?.kind ?? "error", message: err instanceof Error ? err.message : String(err) } };
  }
}

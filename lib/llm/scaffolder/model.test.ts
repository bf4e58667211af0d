import { generateText, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { onboardingSpec } from "../testing/sample-specs";
import { createOfflineModel, OFFLINE_MODEL_ID, OFFLINE_PROVIDER_ID, offlineProviderOptions, scaffoldAnswer } from "./index";

/** The scaffolder as an AI SDK model: driven by the real streamText/generateText of ai v7. */

describe("offline language model", () => {
  const spec = onboardingSpec();

  it("implements the language model spec version ai v7 uses", () => {
    const model = createOfflineModel();
    expect(model).toMatchObject({ specificationVersion: "v4", provider: OFFLINE_PROVIDER_ID, modelId: OFFLINE_MODEL_ID });
  });

  it("streams the scaffold answer through streamText, one line per text delta", async () => {
    const result = streamText({
      model: createOfflineModel(),
      prompt: "write validate_input",
      providerOptions: offlineProviderOptions(spec, "validate_input"),
    });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    const expected = scaffoldAnswer(spec, "validate_input");
    expect(deltas.join("")).toBe(expected);
    expect(deltas.length).toBe(expected.split("\n").length - 1);
    expect(await result.finishReason).toBe("stop");
    expect((await result.usage).outputTokens).toBe(Math.ceil(expected.length / 4));
    expect((await result.response).modelId).toBe(OFFLINE_MODEL_ID);
  });

  it("answers generateText with the same text", async () => {
    const result = await generateText({
      model: createOfflineModel(),
      prompt: "write create_account",
      providerOptions: offlineProviderOptions(spec, "create_account"),
    });
    expect(result.text).toBe(scaffoldAnswer(spec, "create_account"));
  });

  it("honours chunkDelayMs and the abort signal", async () => {
    const controller = new AbortController();
    const result = streamText({
      model: createOfflineModel({ chunkDelayMs: 20 }),
      prompt: "x",
      providerOptions: offlineProviderOptions(spec, "validate_input"),
      abortSignal: controller.signal,
    });
    setTimeout(() => controller.abort(), 70);
    const parts: string[] = [];
    for await (const part of result.fullStream) parts.push(part.type);
    expect(parts).toContain("abort");
    // ~3 lines in 70 ms at 20 ms each; far fewer than the whole answer either way.
    expect(parts.filter((p) => p === "text-delta").length).toBeLessThan(15);
  });

  it("reports a missing or unknown step as an error part", async () => {
    const result = streamText({ model: createOfflineModel(), prompt: "x", providerOptions: offlineProviderOptions(spec, "nope"), onError: () => {} });
    const errors: unknown[] = [];
    for await (const part of result.fullStream) if (part.type === "error") errors.push(part.error);
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as Error).message)).toContain('unknown step "nope"');
  });
});

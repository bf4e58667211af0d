// A fake OpenAI-compatible model for the stream benchmark: the fake provider's wire format (its openAIProtocol frame
// writers), but every text chunk carries the time it was written to the socket, so a reader anywhere downstream can
// tell how long the chunk took to reach it. Chunks are python comment lines inside an otherwise valid step answer,
// so the run still succeeds and stores the module.
import { createServer, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { openAIProtocol } from "@/lib/llm/testing/fake-openai";
import { promptFacts, stepAnswer } from "../../tests/helpers/runs";

/** Send times are performance.now() of this process: only readers in the same process can compare them. */
export const MARK = /t=(\d+\.\d+);/g;

export interface TimedFake {
  baseURL: string;
  /** chunks written, in total */
  sent(): number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const p of req) parts.push(p as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => strings(x, out));
  return out;
}

/** `chunks` timed lines per answer, `intervalMs` apart (measured against a schedule, so timer drift does not pile up). */
export async function startTimedFake(opts: { chunks: number; intervalMs: number }): Promise<TimedFake> {
  const sockets = new Set<Socket>();
  let sent = 0;
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    const facts = promptFacts(strings(body).join("\n"));
    if (!facts) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "timed fake: no step in the prompt" } }));
      return;
    }
    const protocol = openAIProtocol(() => (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true);
    const ctx = { id: `chatcmpl-timed-${sent}`, model: String(body.model ?? "fake-model"), created: 1_700_000_000, inputTokens: 500 };
    // The answer: fence + module marker, the timed comment lines, then the rest of a normal answer.
    const full = stepAnswer(facts, "timed");
    const headerEnd = full.indexOf("\n", full.indexOf("=== module:")) + 1;
    const head = full.slice(0, headerEnd);
    const tail = full.slice(headerEnd);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    res.flushHeaders();
    res.write(protocol.open(ctx).join(""));
    res.write(protocol.delta(ctx, head));
    const start = performance.now();
    for (let i = 0; i < opts.chunks; i++) {
      const due = start + (i + 1) * opts.intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (res.destroyed) return;
      res.write(protocol.delta(ctx, `# chunk ${i} t=${performance.now().toFixed(3)};\n`));
      sent++;
    }
    res.write(protocol.delta(ctx, tail));
    res.write(protocol.close(ctx, { inputTokens: 500, outputTokens: Math.ceil(full.length / 4) + opts.chunks * 8 }).join(""));
    res.end();
  });
  server.on("connection", (s) => {
    s.setNoDelay(true);
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  if (!addr || typeof addr === "string") throw new Error("timed fake: no address");
  return {
    baseURL: `http://127.0.0.1:${addr.port}/v1`,
    sent: () => sent,
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Reads one answer straight from the fake (the baseline: what a client of the provider itself would see), returning
 * the delay of every timed chunk. `prompt` must name a step the way the studio's prompts do.
 */
export async function readDirect(baseURL: string, prompt: string): Promise<number[]> {
  const res = await fetch(`${baseURL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "fake-model", stream: true, messages: [{ role: "user", content: prompt }] }),
  });
  const delays: number[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
    const at = performance.now();
    buffer += decoder.decode(part, { stream: true });
    let i: number;
    while ((i = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (!data || data === "[DONE]") continue;
      const text = (JSON.parse(data) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? "";
      for (const m of text.matchAll(MARK)) delays.push(at - Number(m[1]));
    }
  }
  return delays;
}

/** Delays of the timed chunks inside a batch of streamed text that arrived at `at`. */
export function delaysIn(text: string, at: number): number[] {
  return [...text.matchAll(MARK)].map((m) => at - Number(m[1]));
}

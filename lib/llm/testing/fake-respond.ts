import type { ServerResponse } from "node:http";
import {
  chunksFor,
  delay,
  estimateTokens,
  type FakeBehaviour,
  type FakeProtocol,
  type FakeUsage,
  type ResponseContext,
} from "./fake-behaviours";

/** Plays one behaviour on one HTTP response, for either protocol, streaming or not. */
export async function respond(
  res: ServerResponse,
  protocol: FakeProtocol,
  behaviour: FakeBehaviour,
  ctx: ResponseContext,
  streaming: boolean,
): Promise<void> {
  switch (behaviour.type) {
    case "status": {
      const headers: Record<string, string> = {};
      if (behaviour.retryAfter !== undefined) headers["retry-after"] = String(behaviour.retryAfter);
      if (behaviour.retryAfterMs !== undefined) headers["retry-after-ms"] = String(behaviour.retryAfterMs);
      const body = behaviour.body ?? protocol.errorBody(behaviour.status, `fake provider: scripted HTTP ${behaviour.status}`);
      return sendJson(res, behaviour.status, body, headers);
    }
    case "stream":
    case "empty": {
      const chunks = behaviour.type === "stream" ? behaviour.chunks : [];
      const delayMs = behaviour.type === "stream" ? (behaviour.delayMs ?? 0) : 0;
      const finishReason = behaviour.type === "stream" ? behaviour.finishReason : undefined;
      const text = chunks.join("");
      const usage: FakeUsage = (behaviour.type === "stream" && behaviour.usage) || {
        inputTokens: ctx.inputTokens,
        outputTokens: estimateTokens(text),
      };
      // Anthropic reports input tokens up front (message_start), so scripted usage must reach the opening frames.
      const c = { ...ctx, inputTokens: usage.inputTokens };
      if (!streaming) {
        if (delayMs > 0) await delay(delayMs);
        return sendJson(res, 200, protocol.complete(c, text, usage, finishReason));
      }
      openEventStream(res);
      write(res, protocol.open(c));
      for (const piece of chunks) {
        if (delayMs > 0) await delay(delayMs);
        if (!write(res, [protocol.delta(c, piece)])) return; // the client went away
      }
      write(res, protocol.close(c, usage, finishReason));
      res.end();
      return;
    }
    case "stall": {
      // Nothing is ever ended: the client's own timeout (or the server closing) must end this request.
      if (!streaming) return;
      openEventStream(res);
      write(res, [...protocol.open(ctx), ...chunksFor(behaviour).map((c) => protocol.delta(ctx, c))]);
      return;
    }
    case "cut": {
      if (streaming) {
        openEventStream(res);
        write(res, [...protocol.open(ctx), ...chunksFor(behaviour).map((c) => protocol.delta(ctx, c))]);
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"id":"cut-');
      }
      // Let the written bytes leave before the reset, so the client really is "mid-stream".
      await delay(20);
      res.socket?.destroy();
      return;
    }
    case "malformed": {
      if (!streaming) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"id": "broken", "choices": [');
        return;
      }
      const good = chunksFor(behaviour);
      openEventStream(res);
      write(res, [...protocol.open(ctx), ...good.map((c) => protocol.delta(ctx, c)), protocol.malformed()]);
      write(res, protocol.close(ctx, { inputTokens: ctx.inputTokens, outputTokens: estimateTokens(good.join("")) }));
      res.end();
      return;
    }
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

function openEventStream(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  // Headers go out now: a stall before the first chunk must look like an open, silent stream.
  res.flushHeaders();
}

/** Writes SSE frames unless the client has gone; returns false when it has. */
function write(res: ServerResponse, frames: string[]): boolean {
  if (res.destroyed || res.writableEnded) return false;
  for (const frame of frames) res.write(frame);
  return true;
}

import { createServer, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { anthropicProtocol } from "./fake-anthropic";
import { estimateTokens, promptText, type FakeBehaviour, type RecordedRequest } from "./fake-behaviours";
import { openAIProtocol } from "./fake-openai";
import { respond, sendJson } from "./fake-respond";

export type { FakeBehaviour, FakeUsage, RecordedRequest } from "./fake-behaviours";

/**
 * A local stand-in for OpenAI / OpenAI-compatible / Anthropic endpoints, so tests, the benchmark and e2e
 * runs drive the REAL provider clients over real HTTP without network or keys. Behaviours are scripted
 * per request, in order; every request is recorded.
 */
export interface FakeProvider {
  /** http://127.0.0.1:<port> */
  url: string;
  /** url + "/v1": what createOpenAI / createAnthropic / createOpenAICompatible take as baseURL */
  baseURL: string;
  /** Appends behaviours for the next requests (chat, messages and models share one queue). */
  script(...behaviours: FakeBehaviour[]): void;
  /** every request received, in arrival order */
  requests: RecordedRequest[];
  /** scripted behaviours not used yet */
  pending(): number;
  /** Forgets the script and the recorded requests (one server can serve many tests). */
  reset(): void;
  /** Stops listening and drops open connections, stalled ones included. */
  close(): Promise<void>;
}

export interface FakeProviderOptions {
  /**
   * Answer when the script is empty. Default: HTTP 500 naming the problem, so an unexpected extra request
   * (a retry nobody scripted) fails loudly instead of passing by luck. Benchmarks can set a stream here.
   */
  fallback?: FakeBehaviour;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
type Route = "openai" | "anthropic" | "models" | null;

function routeOf(method: string | undefined, path: string): Route {
  if (method === "POST" && path.endsWith("/chat/completions")) return "openai";
  if (method === "POST" && path.endsWith("/messages")) return "anthropic";
  if (method === "GET" && path.endsWith("/models")) return "models";
  return null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const queue: FakeBehaviour[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;

  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const route = routeOf(req.method, path);
    // Take the behaviour on arrival (before the body is read) so concurrent requests keep script order.
    const scripted = route ? queue.shift() : undefined;
    let rawBody = "";
    try {
      rawBody = await readBody(req);
    } catch {
      return sendJson(res, 413, { error: { message: "fake provider: body too large" } });
    }
    const body = parseJson(rawBody);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
    );
    requests.push({ method: req.method ?? "", path, headers, rawBody, body, behaviour: scripted ?? null });
    if (!route) return sendJson(res, 404, { error: { message: `fake provider: no route ${req.method} ${path}` } });

    const record = (body ?? {}) as { model?: unknown; stream?: unknown; stream_options?: { include_usage?: unknown } };
    const protocol =
      route === "anthropic" || (route === "models" && headers["anthropic-version"])
        ? anthropicProtocol()
        : openAIProtocol(() => record.stream_options?.include_usage === true);
    // Listing models is what a "test connection" button does: status/stall/cut/malformed apply, a stream
    // (or no script at all) means "here is the list", empty means an empty list.
    if (route === "models" && (!scripted || scripted.type === "stream")) return sendJson(res, 200, protocol.models());
    if (route === "models" && scripted?.type === "empty") return sendJson(res, 200, { object: "list", data: [] });

    counter += 1;
    const ctx = {
      id: route === "anthropic" ? `msg_fake_${counter}` : `chatcmpl-fake-${counter}`,
      model: typeof record.model === "string" ? record.model : "fake-model",
      created: 1_700_000_000,
      inputTokens: estimateTokens(promptText(body)),
    };
    const behaviour = scripted ??
      options.fallback ?? {
        type: "status" as const,
        status: 500,
        body: protocol.errorBody(500, `fake provider: no behaviour scripted for request #${requests.length}`),
      };
    try {
      await respond(res, protocol, behaviour, ctx, record.stream === true);
    } catch {
      res.destroy(); // a write after the client left; nothing more to do
    }
  });

  server.on("connection", (socket) => {
    socket.setNoDelay(true); // each SSE frame leaves at once, so chunk timing is real
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("fake provider: no TCP address");
  const url = `http://127.0.0.1:${address.port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    script: (...behaviours) => void queue.push(...behaviours),
    requests,
    pending: () => queue.length,
    reset() {
      queue.length = 0;
      requests.length = 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Server-Sent Events response: `open` gets a `send` function and returns its cleanup; heartbeats keep proxies open. */
export function sseResponse(
  signal: AbortSignal,
  open: (send: (event: string, data: string, id?: string) => boolean, close: () => void) => (() => void) | Promise<() => void>,
  opts: { heartbeatMs?: number } = {},
): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        if (heartbeat) clearInterval(heartbeat);
        cleanup?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const write = (chunk: string) => {
        if (closed) return false;
        try {
          controller.enqueue(encoder.encode(chunk));
          return true;
        } catch {
          close();
          return false;
        }
      };
      const send = (event: string, data: string, id?: string) =>
        write(`${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${data.replace(/\n/g, "\ndata: ")}\n\n`);
      signal.addEventListener("abort", close, { once: true });
      write("retry: 1000\n\n");
      try {
        cleanup = await open(send, close);
      } catch (err) {
        send("error", JSON.stringify({ message: err instanceof Error ? err.message : "stream failed" }));
        close();
        return;
      }
      if (closed) cleanup?.();
      heartbeat = setInterval(() => write(": keep-alive\n\n"), opts.heartbeatMs ?? 15_000);
    },
    cancel() {
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      cleanup?.();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}

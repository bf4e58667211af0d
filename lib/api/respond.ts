import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function json(data: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v)), {
    ...init,
    headers: { ...JSON_HEADERS, ...(init.headers as Record<string, string> | undefined) },
  });
}

export function zodDetails(err: ZodError) {
  return err.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
}

/** Map any thrown value to the API's error shape. Unknown errors get a generic 500 with an id to find the log line. */
export function errorResponse(err: unknown): Response {
  if (err instanceof ZodError) {
    return json(
      { error: { code: "validation_failed", message: "The request is not valid: see details.", details: zodDetails(err) } },
      { status: 422 },
    );
  }
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err.retryAfter !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(err.retryAfter)));
    return json({ error: { code: err.code, message: err.message, details: err.details ?? null } }, { status: err.status, headers });
  }
  const id = randomUUID();
  console.error(`[api] unexpected error ${id}:`, err);
  return json(
    { error: { code: "internal", message: `Something went wrong on our side. Reference: ${id}.`, details: null } },
    { status: 500 },
  );
}

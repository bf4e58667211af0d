import type { z } from "zod";
import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 1_000_000;

/** Read a JSON body of at most `limit` bytes: 413 when larger, 415 when not JSON, 400 when unparseable. */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new AppError("payload_too_large", `The body is larger than ${limit.toLocaleString("en")} bytes.`, { limit });
  if (declared > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new AppError("bad_request", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("bad_request", `The body is not valid JSON: ${(e as Error).message}.`);
  }
}

export async function parseJsonBody<T extends z.ZodType>(req: Request, schema: T, limit?: number): Promise<z.infer<T>> {
  return schema.parse(await readJsonBody(req, limit));
}

export function parseQuery<T extends z.ZodType>(url: string | URL, schema: T): z.infer<T> {
  const params = new URL(url).searchParams;
  const obj: Record<string, string> = {};
  for (const [k, v] of params) if (v !== "") obj[k] = v;
  return schema.parse(obj);
}

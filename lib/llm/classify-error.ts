import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  NoOutputGeneratedError,
  RetryError,
  StreamProviderError,
  TypeValidationError,
} from "ai";
import { ProviderError, type ProviderErrorKind } from "./provider-error";
import { retryAfterMs } from "@/lib/utils/backoff";

export { retryAfterMs };

/**
 * Maps what the AI SDK reports onto ProviderError kinds. Observed with ai 7 and the real provider
 * clients against the fake server (see providers.test.ts):
 * - HTTP errors: APICallError with statusCode, responseHeaders (lower-case) and isRetryable.
 * - connection refused / DNS: APICallError "Cannot connect to API", no statusCode.
 * - socket cut mid-stream: APICallError "Failed to process successful response", statusCode 200, cause
 *   TypeError "terminated" (UND_ERR_SOCKET); it is THROWN from the stream iterator, not an error part.
 * - a data line that is not JSON: JSONParseError as an error part, after which the stream still
 *   "finishes" normally; without the error part it would look like a short but valid answer.
 * - provider error events inside the stream (e.g. Anthropic overloaded_error): StreamProviderError.
 * `isInstance` checks are marker-based, so they work across the 3.x/4.x copies of @ai-sdk/provider.
 */

export interface ClassifyContext {
  /** text received before the failure */
  partialText?: string;
}

const NETWORK_CODES = /ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|ERR_STREAM_PREMATURE_CLOSE|terminated|other side closed/i;

function describeCause(error: unknown): string {
  let text = "";
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { message, code } = e as { message?: unknown; code?: unknown };
    text += ` ${typeof message === "string" ? message : ""} ${typeof code === "string" ? code : ""}`;
  }
  return text;
}

function kindForStatus(status: number): ProviderErrorKind {
  if (status === 429) return "rate_limited";
  if (status === 401 || status === 403) return "auth";
  if (status === 408) return "timeout";
  if (status >= 500) return "server_error";
  return "bad_request";
}

function fromStreamProviderError(error: StreamProviderError): ProviderErrorKind {
  if (error.statusCode !== undefined) return kindForStatus(error.statusCode);
  const type = `${error.type ?? ""} ${error.code ?? ""}`;
  if (/rate_limit/i.test(type)) return "rate_limited";
  if (/auth|permission/i.test(type)) return "auth";
  if (/invalid_request|not_found|too_large/i.test(type)) return "bad_request";
  return "server_error"; // overloaded_error, api_error and unknown provider events
}

export function classifyProviderError(error: unknown, context: ClassifyContext = {}): ProviderError {
  if (error instanceof ProviderError) return error;
  const partialText = context.partialText;
  // Wrappers first: the real failure is inside.
  if (RetryError.isInstance(error)) return classifyProviderError(error.lastError, context);
  if (NoOutputGeneratedError.isInstance(error) && error.cause) return classifyProviderError(error.cause, context);

  const message = error instanceof Error ? error.message : String(error);
  const make = (kind: ProviderErrorKind, extra: { statusCode?: number; retryAfterMs?: number; retryable?: boolean } = {}) =>
    new ProviderError(kind, `${kind}: ${message}`, { ...extra, partialText, cause: error });

  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status !== undefined && status >= 400) {
      const kind = kindForStatus(status);
      const wait = kind === "rate_limited" || kind === "server_error" ? retryAfterMs(error.responseHeaders) : undefined;
      return make(kind, { statusCode: status, retryAfterMs: wait });
    }
    // A 2xx whose body broke off, or no response at all.
    if (status !== undefined || /successful response/i.test(message)) return make("stream_cut", { statusCode: status });
    return make(NETWORK_CODES.test(describeCause(error)) && partialText ? "stream_cut" : "unreachable");
  }
  if (StreamProviderError.isInstance(error)) return make(fromStreamProviderError(error), { statusCode: error.statusCode });
  if (JSONParseError.isInstance(error) || TypeValidationError.isInstance(error) || InvalidResponseDataError.isInstance(error)) {
    return make("malformed");
  }
  if (EmptyResponseBodyError.isInstance(error)) return make("empty");
  // ai raises this when the model stream closed with neither output nor a finish chunk.
  if (NoOutputGeneratedError.isInstance(error)) return make(/finish chunk/i.test(message) ? "stream_cut" : "empty");
  if (NETWORK_CODES.test(describeCause(error))) return make(partialText ? "stream_cut" : "unreachable");
  // Unknown: report it as a provider failure but do not promise that a retry helps.
  return make("server_error", { retryable: false });
}

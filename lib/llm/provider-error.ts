/**
 * One error type for every provider failure, classified so the job queue can decide retry/backoff
 * without knowing which SDK or HTTP detail produced it.
 */
export type ProviderErrorKind =
  | "rate_limited"
  | "server_error"
  | "timeout"
  | "stream_cut"
  | "malformed"
  | "empty"
  | "auth"
  | "bad_request"
  | "unreachable";

/**
 * Whether trying again can help. Auth and bad requests fail the same way every time; everything else is
 * plausibly transient (a retried malformed or empty answer usually comes back fine).
 */
export const RETRYABLE_BY_KIND: Record<ProviderErrorKind, boolean> = {
  rate_limited: true,
  server_error: true,
  timeout: true,
  stream_cut: true,
  malformed: true,
  empty: true,
  auth: false,
  bad_request: false,
  unreachable: true,
};

export interface ProviderErrorDetails {
  retryable?: boolean;
  /** from Retry-After / retry-after-ms, when the provider said how long to wait */
  retryAfterMs?: number;
  statusCode?: number;
  /** text streamed before the failure, for logs and the run view */
  partialText?: string;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly statusCode?: number;
  readonly partialText?: string;

  constructor(kind: ProviderErrorKind, message: string, details: ProviderErrorDetails = {}) {
    super(message, { cause: details.cause });
    this.name = "ProviderError";
    this.kind = kind;
    this.retryable = details.retryable ?? RETRYABLE_BY_KIND[kind];
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
    if (details.partialText) this.partialText = details.partialText;
  }

  /** Plain data for job records and API responses (the cause chain stays in server logs). */
  toJSON() {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      statusCode: this.statusCode,
    };
  }

  static is(error: unknown): error is ProviderError {
    return error instanceof ProviderError;
  }
}

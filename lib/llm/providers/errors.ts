import { redactSecrets } from "../../util/secrets";
import { parseRetryAfter, type HeaderSource } from "../scheduler/retry-after";

/** How a failed attempt failed. */
export type FailureKind = "http" | "timeout" | "connection" | "malformed" | "auth" | "other";

/**
 * A failed provider call, classified for the retry policy. The message is
 * always passed through `redactSecrets` (it may end up in records and logs).
 */
export class ProviderError extends Error {
  readonly kind: FailureKind;
  readonly status?: number;
  readonly retryable: boolean;
  /** Wait requested by the server (retry-after-ms / retry-after), in ms. */
  readonly retryAfterMs?: number;

  constructor(kind: FailureKind, message: string, opts: { status?: number; retryable?: boolean; retryAfterMs?: number } = {}) {
    super(redactSecrets(message));
    this.name = "ProviderError";
    this.kind = kind;
    this.status = opts.status;
    this.retryable = opts.retryable ?? isRetryableStatus(opts.status);
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** 408, 409, 429 and every 5xx (including 500) are retried. */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Classify anything an SDK call threw. Works for the openai and together-ai
 * SDKs (both Stainless-generated: APIError with status/headers,
 * APIConnectionError, APIConnectionTimeoutError) and for raw fetch errors.
 * A body that is not valid JSON (SyntaxError) is a retryable "malformed" failure.
 */
export function classifyError(e: unknown, label: string): ProviderError {
  if (e instanceof ProviderError) return e;
  const err = e as { name?: string; status?: unknown; headers?: HeaderSource; message?: string; constructor?: { name?: string } };
  const cls = err?.constructor?.name ?? err?.name ?? "";
  const msg = String(err?.message ?? e);
  if (cls.includes("Timeout") || err?.name === "TimeoutError" || /timed? ?out/i.test(msg)) {
    return new ProviderError("timeout", label + ": request timed out", { retryable: true });
  }
  if (typeof err?.status === "number") {
    const status = err.status;
    const retryAfterMs = parseRetryAfter(err.headers);
    const kind: FailureKind = status === 401 || status === 403 ? "auth" : "http";
    return new ProviderError(kind, label + ": HTTP " + status + ": " + shorten(msg), { status, retryAfterMs });
  }
  if (cls.includes("Connection") || cls === "TypeError" || /ECONN|EPIPE|socket|terminated|fetch failed|network/i.test(msg)) {
    return new ProviderError("connection", label + ": connection error: " + shorten(msg), { retryable: true });
  }
  if (e instanceof SyntaxError || /JSON/i.test(msg)) {
    return new ProviderError("malformed", label + ": malformed response body: " + shorten(msg), { retryable: true });
  }
  return new ProviderError("other", label + ": " + shorten(msg), { retryable: false });
}

function shorten(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > 300 ? one.slice(0, 300) + "..." : one;
}

/**
 * A small HTTP client for Together's REST API (files, fine-tunes, endpoints,
 * hardware), written on `fetch` so that it works unchanged against the
 * project's loopback server. The API key comes only from the environment
 * (`TOGETHER_API_KEY` by default) and is never logged or stored; every error
 * message passes through `redactSecrets`.
 *
 * Retries: only idempotent requests (GET, and PATCH/DELETE which Together
 * treats as idempotent state changes) are retried, on 429 and 5xx, with
 * exponential back-off honouring `retry-after-ms` / `retry-after`. POSTs that
 * create paid resources (fine-tune jobs, endpoints) are never retried
 * automatically: a lost response is resolved by the re-attach logic instead.
 */
import { UserError } from "../util/errors";
import { redactSecrets } from "../util/secrets";

/** Public Together API base URL (including /v1). */
export const DEFAULT_TOGETHER_BASE_URL = "https://api.together.xyz/v1";

/** How to reach Together. */
export interface TogetherConfig {
  /** Base URL including /v1; default: TOGETHER_BASE_URL or the public API. */
  baseURL?: string;
  /** Name of the environment variable holding the key (default TOGETHER_API_KEY). */
  apiKeyEnv?: string;
  /** Retries after the first attempt for idempotent requests (default 3). */
  maxRetries?: number;
  /** Per-attempt timeout in ms (default 60 000). */
  timeoutMs?: number;
  /** Environment to read (default process.env); tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** fetch implementation (default global fetch). */
  fetch?: typeof fetch;
}

/** An HTTP error answered by the Together API (status >= 400). */
export class TogetherApiError extends UserError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** The server's error message, when the body carried one. */
  readonly serverMessage: string;

  constructor(method: string, path: string, status: number, serverMessage: string, env: NodeJS.ProcessEnv = process.env) {
    super(redactSecrets("Together API " + method + " " + path + " failed with HTTP " + status + (serverMessage ? ": " + serverMessage : ""), env));
    this.name = "TogetherApiError";
    this.status = status;
    this.method = method;
    this.path = path;
    this.serverMessage = redactSecrets(serverMessage, env);
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body (serialised) — or raw bytes with `rawBody`. */
  body?: unknown;
  rawBody?: Uint8Array;
  headers?: Record<string, string>;
  /** Do not follow redirects; return the 3xx response to the caller. */
  manualRedirect?: boolean;
  /** Override the retry policy for this call. */
  retry?: boolean;
  /** Send no Authorization header (e.g. a PUT to a presigned storage URL). */
  noAuth?: boolean;
}

/** A raw response (status, headers, parsed JSON body if any). */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Client for the Together REST API. */
export class TogetherHttp {
  readonly baseURL: string;
  private readonly apiKeyEnv: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(config: TogetherConfig = {}) {
    this.env = config.env ?? process.env;
    const base = config.baseURL ?? this.env.TOGETHER_BASE_URL ?? DEFAULT_TOGETHER_BASE_URL;
    this.baseURL = base.replace(/\/+$/, "");
    this.apiKeyEnv = config.apiKeyEnv ?? "TOGETHER_API_KEY";
    this.maxRetries = config.maxRetries ?? 3;
    this.timeoutMs = config.timeoutMs ?? 60_000;
    this.fetchImpl = config.fetch ?? fetch;
  }

  /** True when the base URL is a loopback address (the mock server). */
  get isLoopback(): boolean {
    return /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(this.baseURL);
  }

  /** Environment whose secrets are redacted from messages (the process's and the client's own). */
  private redactEnv(): NodeJS.ProcessEnv {
    return this.env === process.env ? process.env : { ...process.env, ...this.env };
  }

  /** Authorization headers. A missing key is an error except on loopback. */
  private authHeaders(): Record<string, string> {
    const key = this.env[this.apiKeyEnv];
    if (key && key.length > 0) return { Authorization: "Bearer " + key };
    if (this.isLoopback) return {};
    throw new UserError("no Together API key: set the environment variable " + this.apiKeyEnv + " (keys are read only from the environment)");
  }

  /** Absolute URL for a path relative to the base URL (or an absolute URL as is). */
  url(pathOrUrl: string, query?: RequestOptions["query"]): string {
    const u = new URL(/^https?:\/\//.test(pathOrUrl) ? pathOrUrl : this.baseURL + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl);
    if (query) for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  /** Send one request; returns the raw response, throwing TogetherApiError on status >= 400. */
  async raw(method: string, pathOrUrl: string, options: RequestOptions = {}): Promise<RawResponse> {
    const retryable = options.retry ?? (method === "GET" || method === "PATCH" || method === "DELETE" || method === "PUT");
    const attempts = retryable ? this.maxRetries + 1 : 1;
    const shownPath = pathOrUrl.replace(/\?.*$/, "");
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const headers: Record<string, string> = { Accept: "application/json", ...(options.noAuth ? {} : this.authHeaders()), ...(options.headers ?? {}) };
      let body: BodyInit | undefined;
      if (options.rawBody !== undefined) {
        body = options.rawBody as unknown as BodyInit;
        if (!headers["Content-Type"]) headers["Content-Type"] = "application/octet-stream";
      } else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers["Content-Type"] = "application/json";
      }
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.timeoutMs);
      let res: Response;
      try {
        res = await this.fetchImpl(this.url(pathOrUrl, options.query), {
          method,
          headers,
          body,
          redirect: options.manualRedirect ? "manual" : "follow",
          signal: controller.signal,
        });
      } catch (e) {
        clearTimeout(timer);
        const why = controller.signal.aborted ? "timed out after " + this.timeoutMs + " ms" : (e as Error).message + causeOf(e);
        lastError = new UserError(redactSecrets("Together API " + method + " " + shownPath + ": " + why, this.redactEnv()));
        if (attempt + 1 < attempts) {
          await sleep(backoffMs(attempt));
          continue;
        }
        throw lastError;
      }
      const text = await res.text();
      clearTimeout(timer);
      let json: unknown = undefined;
      if (text.length > 0) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      if (res.status >= 400) {
        const err = new TogetherApiError(method, shownPath, res.status, errorMessage(json, text), this.redactEnv());
        if ((res.status === 429 || res.status >= 500) && attempt + 1 < attempts) {
          lastError = err;
          await sleep(retryAfterMs(res.headers) ?? backoffMs(attempt));
          continue;
        }
        throw err;
      }
      return { status: res.status, headers: res.headers, text, json };
    }
    throw lastError;
  }

  /** Send a request and return its JSON body. */
  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const r = await this.raw(method, path, options);
    return r.json as T;
  }

  get<T>(path: string, query?: RequestOptions["query"]): Promise<T> {
    return this.json<T>("GET", path, { query });
  }
  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.json<T>("POST", path, { ...options, body });
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>("PATCH", path, { body });
  }
  async delete(path: string): Promise<void> {
    await this.raw("DELETE", path);
  }
}

function errorMessage(json: unknown, text: string): string {
  if (json && typeof json === "object") {
    const o = json as Record<string, unknown>;
    const e = o.error;
    if (typeof e === "string") return e;
    if (e && typeof e === "object" && typeof (e as Record<string, unknown>).message === "string") return (e as Record<string, string>).message;
    if (typeof o.message === "string") return o.message;
  }
  return text.slice(0, 300).trim();
}

function causeOf(e: unknown): string {
  const c = (e as { cause?: { code?: string; message?: string } })?.cause;
  return c ? " (" + (c.code ?? c.message ?? "") + ")" : "";
}

function retryAfterMs(h: Headers): number | undefined {
  const ms = Number(h.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return Math.min(ms, 60_000);
  const s = Number(h.get("retry-after"));
  if (Number.isFinite(s) && s > 0) return Math.min(s * 1000, 60_000);
  return undefined;
}

function backoffMs(attempt: number): number {
  return Math.min(8000, 250 * Math.pow(2, attempt));
}

/** Promise-based sleep. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

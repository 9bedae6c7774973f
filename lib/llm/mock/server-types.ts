/**
 * Public types of the loopback server (`startMockServer`): options, the
 * running server handle, request-log entries, fault and rate-limit settings.
 * Everything here must compile under TypeScript 5.0 / ES2022.
 */
import type { MockRoute } from "./route";
import type { Simulator } from "./simulator";

/**
 * Kinds of injected failure.
 * - "429": Too Many Requests with `retry-after` / `retry-after-ms` headers.
 * - "500", "503": server errors with an OpenAI-shaped error body.
 * - "timeout": the request is held open and never answered (until the client
 *   gives up or the server closes).
 * - "malformed": 200 with Content-Type application/json and an invalid JSON body.
 * - "truncated": headers (with the full Content-Length) and part of the body
 *   are sent, then the socket is destroyed.
 */
export type FaultKind = "429" | "500" | "503" | "timeout" | "malformed" | "truncated";

/** All fault kinds, in the order probabilities are laid out on [0, 1). */
export const FAULT_KINDS: readonly FaultKind[] = ["429", "500", "503", "timeout", "malformed", "truncated"];

/** Failure injection settings (at start, or at run time with `setFaults`). */
export interface FaultConfig {
  /**
   * Probability per request of each kind (their sum must be <= 1). The draw is
   * seeded and deterministic: it depends on the server seed, the request's
   * body hash and how many times that same body has been seen (its
   * `occurrence`), not on arrival order, so a retried request gets a fresh draw.
   */
  rates?: Partial<Record<FaultKind, number>>;
  /**
   * Explicit schedule by request sequence number (1-based, counted over the
   * requests the faults apply to, see `paths`): `{ 3: "500" }` makes the 3rd
   * request fail with 500. Takes precedence over `rates`.
   */
  schedule?: Record<number, FaultKind>;
  /** `retry-after` header (seconds, integer >= 0) on injected 429s; default 1. Set null to omit. */
  retryAfterSeconds?: number | null;
  /** `retry-after-ms` header on injected 429s; omitted unless set. */
  retryAfterMs?: number | null;
  /**
   * Only requests whose path starts with one of these prefixes are faulted
   * (default: every request, plugin routes included).
   */
  paths?: string[];
}

/** Server-side rate limits over a sliding 60 s window; exceeding answers 429 with retry-after. */
export interface RateLimitConfig {
  requestsPerMinute?: number;
  /**
   * Tokens per minute. A request is charged its prompt tokens (server
   * tokenizer) plus its `max_tokens` (or 16 for completions / 0 for chat
   * without one) times `n`, at arrival, as OpenAI does.
   */
  tokensPerMinute?: number;
}

/** Latency before each answer: fixed ms, or a seeded uniform range [min, max]. */
export type LatencySpec = number | { min: number; max: number };

export interface MockServerOptions {
  /** Port to listen on (default 0: any free port). Always bound to 127.0.0.1. */
  port?: number;
  latencyMs?: LatencySpec;
  faults?: FaultConfig;
  /** Seed for faults, latency and the simulated models (default 0). */
  seed?: number;
  /**
   * Append the request log as JSONL to this file: one durable (fsync'ed)
   * line per event ("request" on arrival, "response" when the answer was
   * written or abandoned), readable with `readRequestLogFile` even after the
   * client process was SIGKILLed. Without it the log is in memory only and no
   * disk write happens per request.
   */
  logFile?: string;
  /** Extra routes (matched before the built-ins), e.g. Together files / fine-tunes / endpoints. */
  routes?: MockRoute[];
  rateLimit?: RateLimitConfig;
  /** Simulators added to (or overriding) the registry in ./simulators/index.ts. */
  simulators?: Record<string, Simulator>;
  /**
   * What a model name not starting with "simulated/" gets: "generic" (default)
   * answers it with the generic simulator; "reject" answers 404 model_not_found.
   */
  unknownModels?: "generic" | "reject";
  /** Keep request bodies in the in-memory log (default true; false saves memory in benchmarks). The logFile always has them. */
  logBodies?: boolean;
}

/** One request in the server's log. Headers are never recorded. */
export interface RequestLogEntry {
  /** 1-based arrival order. */
  seq: number;
  method: string;
  /** Path without query string. */
  path: string;
  model?: string;
  /** Parsed JSON body (undefined for empty / non-JSON bodies, or when logBodies is false). */
  body?: unknown;
  /** sha256 (hex) of the canonical JSON body (sorted keys), or of the raw bytes when not JSON. */
  bodyHash: string;
  /** How many requests with this bodyHash had arrived, this one included (1 = first attempt). */
  occurrence: number;
  /** Date.now() at arrival (after the body was read). */
  receivedAt: number;
  /** Date.now() when the answer was fully written, or the request was abandoned. */
  finishedAt?: number;
  status?: number;
  fault?: FaultKind | "rate-limit";
  /** True once the full response was written to the socket. */
  completed: boolean;
  /** Token usage the server reported, when it answered a model request. */
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/** Counters for tests (rate limits, concurrency, faults). */
export interface MockStats {
  requests: number;
  completed: number;
  inFlight: number;
  maxInFlight: number;
  byStatus: Record<string, number>;
  byFault: Record<string, number>;
}

/** A running loopback server. */
export interface MockServer {
  /** "http://127.0.0.1:PORT/v1" — the baseURL for the openai / together-ai SDKs. */
  url: string;
  port: number;
  /** The in-memory request log (live array, in arrival order). */
  requests: RequestLogEntry[];
  /** Replace the fault settings (undefined or {} turns faults off). Schedules count from now. */
  setFaults(faults?: FaultConfig): void;
  setLatency(latency?: LatencySpec): void;
  setRateLimit(limit?: RateLimitConfig): void;
  /** Current counters. */
  stats(): MockStats;
  /**
   * The largest number of requests that arrived within any window of
   * `windowMs` (default 60 000), optionally only those matching `filter`.
   */
  maxInWindow(windowMs?: number, filter?: (e: RequestLogEntry) => boolean): number;
  /** Tokens charged (see RateLimitConfig) within the busiest window of `windowMs`. */
  maxTokensInWindow(windowMs?: number): number;
  /** Stop listening, drop held and in-flight requests, clear every timer. Idempotent. */
  close(): Promise<void>;
}

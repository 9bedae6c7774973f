/**
 * The LLM layer's public types: one request model, one response model, the
 * endpoint description and the client interface every study uses.
 *
 * Studies never name models: they ask for a role ("generator", "judge",
 * "student", "grader", ...) and the endpoint registry maps the role to an
 * Endpoint. Everything here must compile under TypeScript 5.0 / ES2022.
 */

export type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** Sampling parameters shared by chat and text completions. */
export interface SamplingParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  stop?: string[];
  seed?: number;
  /** Number of choices to sample in one call. */
  n?: number;
}

export interface ChatRequest extends SamplingParams {
  messages: ChatMessage[];
  /** Return log-probabilities of the generated tokens. */
  logprobs?: boolean;
  top_logprobs?: number;
}

/**
 * Text completion. With `echo: true, logprobs: k, max_tokens: 0` it scores a
 * prompt: the response carries the log-probability of every prompt token
 * (used to score answer choices and the mean log-prob "loss" metric).
 */
export interface CompletionRequest extends SamplingParams {
  prompt: string;
  echo?: boolean;
  /** Number of top alternatives per token (0 = only the sampled token's logprob). */
  logprobs?: number;
}

export interface EmbeddingRequest {
  input: string[];
}

export interface TokenLogprob {
  token: string;
  /** Natural-log probability; null for the first echoed token when the server gives none. */
  logprob: number | null;
  /** Character offset of the token in the (echoed) text, when known. */
  offset?: number;
  top?: { token: string; logprob: number }[];
}

export interface Choice {
  index: number;
  text: string;
  finishReason: string | null;
  logprobs?: TokenLogprob[];
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface LLMResponse {
  choices: Choice[];
  /** For embedding requests: one vector per input. */
  embeddings?: number[][];
  usage: Usage;
  /** Model name the server reported. */
  model: string;
  latencyMs: number;
  /** True when served from the response cache (no call made). */
  cached: boolean;
  /** True when the endpoint is the offline simulated model. */
  simulated: boolean;
}

export type ProviderName = "openai" | "together" | "openai-compatible";

/** Where a role's requests go. */
export interface Endpoint {
  provider: ProviderName;
  model: string;
  /** Base URL including /v1 (default: the provider's public API). */
  baseURL?: string;
  /** Together dedicated endpoint id, when the model is served by one. */
  dedicatedEndpointId?: string;
  /** Name of the environment variable holding the API key (defaults per provider). */
  apiKeyEnv?: string;
  /** Per-endpoint scheduling limits. */
  limits?: EndpointLimits;
  /**
   * Replaces the base URL in response-cache keys. Used for the in-process
   * loopback server, whose port changes from run to run while its simulated
   * answers do not (e.g. "offline-simulated?seed=0").
   */
  cacheNamespace?: string;
}

export interface EndpointLimits {
  concurrency?: number;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
  /** Retries after the first attempt. */
  maxRetries?: number;
}

/** Bookkeeping attached to one call (for usage accounting and cache keys). */
export interface CallOptions {
  /** Stage name, for per-stage usage and records. */
  stage?: string;
  /** Item id, for logs. */
  itemId?: string;
  /** Intentional re-sampling: a different index gives a different cache key. */
  sampleIndex?: number;
  /** Skip the cache for reading (the fresh response is still written). */
  refresh?: boolean;
}

/** The client studies use. */
export interface LLM {
  chat(role: string, request: ChatRequest, options?: CallOptions): Promise<LLMResponse>;
  complete(role: string, request: CompletionRequest, options?: CallOptions): Promise<LLMResponse>;
  embed(role: string, request: EmbeddingRequest, options?: CallOptions): Promise<LLMResponse>;
  /** The endpoint a role currently maps to (throws a UserError for an unknown role). */
  endpoint(role: string): Endpoint;
  /** The one-line manual endpoint swap: point a role elsewhere (recorded in run metadata). */
  setRole(role: string, endpoint: Partial<Endpoint> & { model: string }): void;
}

import type { ChatRequest, CompletionRequest, EmbeddingRequest, Endpoint } from "../types";
import { baseURLFor } from "../providers/keys";
import { canonicalJson, sha256 } from "./canonical";

/** Request kinds the client sends. */
export type RequestKind = "chat" | "completion" | "embedding";

/** Version of the key schema; bump when the key fields change meaning. */
export const CACHE_KEY_VERSION = 1;

/**
 * Everything that changes a response: provider, base URL, model, dedicated
 * endpoint id, request kind, the full request (messages / prompt / input and
 * every sampling parameter: temperature, top_p, max_tokens, stop, seed, n,
 * logprobs, top_logprobs, echo) and the sample index. Never the API key, nor
 * the key's variable name, limits or timeouts (they do not change outputs).
 */
export interface CacheKeyFields {
  v: number;
  provider: string;
  baseURL: string;
  model: string;
  dedicatedEndpointId?: string;
  kind: RequestKind;
  request: Record<string, unknown>;
  sampleIndex: number;
}

/**
 * Build the key fields of one call. Unknown extra request members are kept
 * (they may change the output). The request is referenced, not copied: the
 * key is the canonical JSON (key order and undefined members do not matter).
 */
export function cacheKeyFields(
  ep: Endpoint,
  kind: RequestKind,
  request: ChatRequest | CompletionRequest | EmbeddingRequest,
  sampleIndex = 0,
): CacheKeyFields {
  return {
    v: CACHE_KEY_VERSION,
    provider: ep.provider,
    baseURL: ep.cacheNamespace ?? baseURLFor(ep),
    model: ep.model,
    dedicatedEndpointId: ep.dedicatedEndpointId,
    kind,
    request: request as unknown as Record<string, unknown>,
    sampleIndex,
  };
}

/** The cache key: SHA-256 of the canonical JSON of the key fields. */
export function cacheKey(fields: CacheKeyFields): string {
  return sha256(canonicalJson(fields));
}

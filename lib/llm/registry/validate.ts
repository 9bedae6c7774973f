import type { Endpoint, EndpointLimits, ProviderName } from "../types";

/** Provider names and accepted aliases. */
const PROVIDERS: Record<string, ProviderName> = {
  openai: "openai",
  together: "together",
  "openai-compatible": "openai-compatible",
  compatible: "openai-compatible",
  vllm: "openai-compatible",
  ollama: "openai-compatible",
  llamacpp: "openai-compatible",
  "llama.cpp": "openai-compatible",
};

/** Normalise a provider name or alias; undefined when unknown. */
export function providerName(s: string): ProviderName | undefined {
  return PROVIDERS[s.toLowerCase()];
}

export const PROVIDER_NAMES = Object.keys(PROVIDERS);

const LIMIT_FIELDS: (keyof EndpointLimits)[] = ["concurrency", "requestsPerMinute", "tokensPerMinute", "timeoutMs", "maxRetries"];
const ENDPOINT_FIELDS = ["provider", "model", "baseURL", "dedicatedEndpointId", "apiKeyEnv", "limits", "cacheNamespace"];

/** Problem found while validating: the field path and the reason. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** Validate endpoint limits; returns the first problem or the limits. */
export function validateLimits(v: unknown, field: string): EndpointLimits | FieldProblem {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return { field, reason: "must be an object" };
  const out: EndpointLimits = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (!LIMIT_FIELDS.includes(k as keyof EndpointLimits)) return { field: field + "." + k, reason: "unknown limit (known: " + LIMIT_FIELDS.join(", ") + ")" };
    const min = k === "maxRetries" ? 0 : 1;
    const integer = k === "concurrency" || k === "maxRetries";
    if (typeof x !== "number" || !Number.isFinite(x) || x < min || (integer && !Number.isInteger(x))) {
      return { field: field + "." + k, reason: "must be a number >= " + min + (integer ? " (integer)" : "") };
    }
    out[k as keyof EndpointLimits] = x;
  }
  return out;
}

/** Validate an endpoint object (as in evalbook.config.json or a JSON override). */
export function validateEndpoint(v: unknown, field: string): Endpoint | FieldProblem {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return { field, reason: "must be an object {provider, model, ...} or a string provider:model[@baseURL]" };
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!ENDPOINT_FIELDS.includes(k)) return { field: field + "." + k, reason: "unknown field (known: " + ENDPOINT_FIELDS.join(", ") + ")" };
  }
  if (typeof o.provider !== "string" || !providerName(o.provider)) return { field: field + ".provider", reason: "must be one of " + PROVIDER_NAMES.join(", ") };
  if (typeof o.model !== "string" || o.model.trim() === "") return { field: field + ".model", reason: "must be a non-empty string" };
  const ep: Endpoint = { provider: providerName(o.provider)!, model: o.model };
  if (o.baseURL !== undefined) {
    if (typeof o.baseURL !== "string" || !/^https?:\/\/[^\s]+$/.test(o.baseURL)) return { field: field + ".baseURL", reason: "must be an http(s) URL such as http://127.0.0.1:8000/v1" };
    ep.baseURL = o.baseURL;
  }
  for (const k of ["dedicatedEndpointId", "apiKeyEnv", "cacheNamespace"] as const) {
    if (o[k] !== undefined) {
      if (typeof o[k] !== "string" || (o[k] as string).trim() === "") return { field: field + "." + k, reason: "must be a non-empty string" };
      ep[k] = o[k] as string;
    }
  }
  if (ep.apiKeyEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(ep.apiKeyEnv)) {
    return { field: field + ".apiKeyEnv", reason: "must be the NAME of an environment variable (never the key itself)" };
  }
  if (ep.provider === "openai-compatible" && !ep.baseURL) return { field: field + ".baseURL", reason: "is required for provider openai-compatible" };
  if (o.limits !== undefined) {
    const l = validateLimits(o.limits, field + ".limits");
    if ("reason" in l) return l as FieldProblem;
    ep.limits = l;
  }
  return ep;
}

/** True when a validation result is a problem. */
export function isProblem(x: unknown): x is FieldProblem {
  return !!x && typeof x === "object" && "reason" in x && "field" in x && Object.keys(x as object).length === 2;
}

import type { Endpoint, ProviderName } from "../types";
import { UserError } from "../../util/errors";

/** Environment variable holding each provider's key by default. */
export const DEFAULT_KEY_ENV: Record<ProviderName, string | undefined> = {
  openai: "OPENAI_API_KEY",
  together: "TOGETHER_API_KEY",
  // Local OpenAI-compatible servers (vLLM, llama.cpp, Ollama) usually need none.
  "openai-compatible": undefined,
};

/** Public API base URL of each provider. */
export const DEFAULT_BASE_URL: Record<ProviderName, string | undefined> = {
  openai: "https://api.openai.com/v1",
  together: "https://api.together.xyz/v1",
  "openai-compatible": undefined,
};

/** Name of the variable an endpoint's key is read from (undefined: no key needed). */
export function apiKeyEnvName(ep: Endpoint): string | undefined {
  return ep.apiKeyEnv ?? DEFAULT_KEY_ENV[ep.provider];
}

/**
 * The API key of an endpoint, read from the environment only. A missing key
 * is a UserError naming the variable (never printing any value). Endpoints
 * that need no key get a placeholder the SDK accepts.
 */
export function apiKeyFor(ep: Endpoint, env: NodeJS.ProcessEnv = process.env): string {
  const name = apiKeyEnvName(ep);
  if (!name) return "not-needed";
  const v = env[name];
  if (!v || v.trim() === "") {
    throw new UserError(
      "no API key for " + ep.provider + " model " + ep.model + ": set the environment variable " + name +
        (ep.apiKeyEnv ? "" : " (or choose another variable with the endpoint's apiKeyEnv)"),
    );
  }
  return v.trim();
}

/** Base URL a request will go to (for cache keys and errors). */
export function baseURLFor(ep: Endpoint): string {
  const url = ep.baseURL ?? DEFAULT_BASE_URL[ep.provider];
  if (!url) throw new UserError("endpoint " + ep.provider + ":" + ep.model + " needs a baseURL (an OpenAI-compatible server's URL ending in /v1)");
  return url.replace(/\/+$/, "");
}

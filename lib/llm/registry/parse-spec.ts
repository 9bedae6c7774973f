import type { Endpoint } from "../types";
import { isProblem, providerName, PROVIDER_NAMES, validateEndpoint, type FieldProblem } from "./validate";

/**
 * Parse an endpoint spec as used in environment variables and `--role`
 * flags: `provider:model[@baseURL]` (e.g.
 * `together:meta-llama/Llama-3.3-70B-Instruct-Turbo`,
 * `vllm:Qwen/Qwen2.5-7B@http://127.0.0.1:8000/v1`) or a JSON endpoint object
 * (`{"provider":"together","model":"...","dedicatedEndpointId":"..."}`).
 */
export function parseEndpointSpec(spec: string, field = "endpoint"): Endpoint | FieldProblem {
  const s = spec.trim();
  if (s.startsWith("{")) {
    let o: unknown;
    try {
      o = JSON.parse(s);
    } catch (e) {
      return { field, reason: "is not valid JSON: " + (e as Error).message };
    }
    return validateEndpoint(o, field);
  }
  const colon = s.indexOf(":");
  if (colon <= 0) return { field, reason: "must be provider:model[@baseURL] (providers: " + PROVIDER_NAMES.join(", ") + "), got '" + s + "'" };
  const provider = providerName(s.slice(0, colon));
  if (!provider) return { field, reason: "unknown provider '" + s.slice(0, colon) + "' (known: " + PROVIDER_NAMES.join(", ") + ")" };
  let rest = s.slice(colon + 1);
  let baseURL: string | undefined;
  const at = rest.search(/@https?:\/\//);
  if (at >= 0) {
    baseURL = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const o: Record<string, unknown> = { provider, model: rest };
  if (baseURL) o.baseURL = baseURL;
  return validateEndpoint(o, field);
}

export { isProblem };

/**
 * The loopback server's built-in OpenAI routes: chat completions,
 * completions, embeddings and the model list. Each returns an Outgoing or
 * throws an HttpError.
 */
import type { Simulator } from "./simulator";
import { HttpError } from "./http-error";
import { jsonOut, type Outgoing } from "./outgoing";
import { validateChat, validateCompletion, validateEmbedding } from "./validate";
import { simulateChat, simulateCompletion, simulateEmbedding, chatPromptTokens, resolveSimulator, type SimulationEnv } from "./simulate";
import { countTokens, tokenize } from "./tokenize";
import { chatStream, completionStream } from "./stream";
import { SIMULATED_PREFIX } from "./model-name";

export interface BuiltinContext extends SimulationEnv {
  method: string;
  path: string;
  /** Parsed JSON body (undefined when empty); `jsonError` when the body was not JSON. */
  json: unknown;
  jsonError: boolean;
  /** The client's User-Agent (used only to pick Together's bare-array model list). */
  userAgent: string;
}

/** Paths of the model routes (subject to server-side rate limits). */
export const MODEL_PATHS = new Set(["/v1/chat/completions", "/v1/completions", "/v1/embeddings"]);

function requireJson(ctx: BuiltinContext): void {
  if (ctx.jsonError) throw new HttpError(400, "We could not parse the JSON body of your request: it is not valid JSON.", "invalid_request_error", "invalid_json");
  if (ctx.json === undefined) throw new HttpError(400, "The request body is empty: send a JSON object.", "invalid_request_error", "invalid_json");
}

function modelObject(id: string, sim: Simulator | undefined): Record<string, unknown> {
  // OpenAI's model object fields, plus Together's (type, display_name, organization).
  return { id, object: "model", created: 0, owned_by: "evalbook-mock", type: "chat", display_name: id, organization: "evalbook", ...(sim ? { description: sim.description } : {}) };
}

/** A server-sent-events response (sent with chunked encoding, no Content-Length). */
function streamOut(resp: Record<string, unknown>, body: Buffer): Outgoing {
  const u = resp.usage as { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  return { status: 200, headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" }, body, stream: true, usage: { ...u } };
}

/** Answer a built-in route, or return undefined when no built-in route matches. */
export function builtinRoute(ctx: BuiltinContext): Outgoing | undefined {
  const { method, path } = ctx;
  if (MODEL_PATHS.has(path)) {
    if (method !== "POST") throw new HttpError(405, "Method " + method + " not allowed for " + path + " (use POST)", "invalid_request_error", "method_not_allowed");
    requireJson(ctx);
    const usage = (o: Record<string, unknown>): Outgoing => {
      const out = jsonOut(200, o);
      const u = o.usage as { prompt_tokens: number; completion_tokens?: number; total_tokens: number };
      out.usage = { prompt_tokens: u.prompt_tokens, completion_tokens: u.completion_tokens ?? 0, total_tokens: u.total_tokens };
      return out;
    };
    if (path === "/v1/chat/completions") {
      const p = validateChat(ctx.json);
      const resp = simulateChat(p, ctx);
      return p.stream ? streamOut(resp, chatStream(resp, tokenize, p.includeUsage === true)) : usage(resp);
    }
    if (path === "/v1/completions") {
      const p = validateCompletion(ctx.json);
      const resp = simulateCompletion(p, ctx);
      return p.stream ? streamOut(resp, completionStream(resp, tokenize, p.includeUsage === true)) : usage(resp);
    }
    return usage(simulateEmbedding(validateEmbedding(ctx.json), ctx));
  }
  if (path === "/v1/models" && method === "GET") {
    const data = Object.keys(ctx.registry).sort().map((n) => modelObject(SIMULATED_PREFIX + n, ctx.registry[n]));
    // Together's API (and its SDK) use a bare array; OpenAI's a list object.
    return jsonOut(200, ctx.userAgent.startsWith("Together") ? data : { object: "list", data });
  }
  if (path.startsWith("/v1/models/") && method === "GET") {
    const id = decodeURIComponent(path.slice("/v1/models/".length));
    const r = resolveSimulator(id, ctx);
    return jsonOut(200, modelObject(id, r.sim));
  }
  return undefined;
}

/**
 * Tokens a model request is charged against a tokens-per-minute limit at
 * arrival: prompt tokens plus max_tokens (16 for completions, 0 for chat
 * without one) times n. Lenient: an invalid body is charged 1.
 */
export function estimateTokens(path: string, json: unknown): number {
  try {
    if (path === "/v1/chat/completions") {
      const p = validateChat(json);
      return chatPromptTokens(p.messages) + p.n * (p.max_tokens ?? 0);
    }
    if (path === "/v1/completions") {
      const p = validateCompletion(json);
      let t = 0;
      for (const s of p.prompts) t += countTokens(s) + p.n * p.max_tokens;
      return t;
    }
    if (path === "/v1/embeddings") {
      let t = 0;
      for (const s of validateEmbedding(json).inputs) t += countTokens(s);
      return t;
    }
  } catch {
    return 1;
  }
  return 1;
}

/**
 * Validation of request bodies for the built-in OpenAI routes. Each function
 * returns a normalised request or throws an HttpError 400 whose message names
 * the offending parameter, as the OpenAI API does.
 */
import { HttpError } from "./http-error";

/** A validated chat completion request. */
export interface ChatParams {
  model: string;
  messages: { role: string; content: string }[];
  n: number;
  temperature: number;
  top_p: number;
  max_tokens?: number;
  stop: string[];
  seed?: number;
  logprobs: boolean;
  top_logprobs: number;
  /** Answer as server-sent events (chat.completion.chunk). */
  stream?: boolean;
  /** stream_options.include_usage: a final chunk with usage and no choices. */
  includeUsage?: boolean;
}

/** A validated text completion request (`prompt` may be a list: one group of n choices per prompt). */
export interface CompletionParams {
  model: string;
  prompts: string[];
  n: number;
  temperature: number;
  top_p: number;
  max_tokens: number;
  stop: string[];
  seed?: number;
  echo: boolean;
  /** null = no log-probs; k >= 0 = sampled token's logprob plus k alternatives. */
  logprobs: number | null;
  stream?: boolean;
  includeUsage?: boolean;
}

export interface EmbeddingParams {
  model: string;
  inputs: string[];
  encoding_format: "float" | "base64";
  dimensions?: number;
}

const ROLES = new Set(["system", "user", "assistant", "developer", "tool"]);

function bad(message: string, param: string): never {
  throw new HttpError(400, message, "invalid_request_error", message.startsWith("you must provide") ? "missing_required_parameter" : "invalid_value", param);
}

function object(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new HttpError(400, "The request body must be a JSON object.", "invalid_request_error", "invalid_json");
  }
  return body as Record<string, unknown>;
}

function model(b: Record<string, unknown>): string {
  if (b.model === undefined) bad("you must provide a model parameter", "model");
  if (typeof b.model !== "string" || b.model.length === 0) bad("'model' must be a non-empty string", "model");
  return b.model as string;
}

function num(b: Record<string, unknown>, key: string, lo: number, hi: number, dflt: number, integer = false): number {
  const v = b[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== "number" || !Number.isFinite(v)) bad("'" + key + "' must be a number, got " + JSON.stringify(v), key);
  const x = v as number;
  if (integer && !Number.isInteger(x)) bad("'" + key + "' must be an integer, got " + x, key);
  if (x < lo || x > hi) bad("'" + key + "' must be between " + lo + " and " + hi + ", got " + x, key);
  return x;
}

function optInt(b: Record<string, unknown>, key: string, lo: number, hi: number): number | undefined {
  if (b[key] === undefined || b[key] === null) return undefined;
  return num(b, key, lo, hi, 0, true);
}

function stop(b: Record<string, unknown>): string[] {
  const s = b.stop;
  if (s === undefined || s === null) return [];
  if (typeof s === "string") return s.length ? [s] : [];
  if (!Array.isArray(s) || s.some((x) => typeof x !== "string")) bad("'stop' must be a string or an array of strings", "stop");
  if ((s as string[]).length > 4) bad("'stop' may contain at most 4 sequences, got " + (s as string[]).length, "stop");
  return (s as string[]).filter((x) => x.length > 0);
}

/** The `stream` flag and `stream_options.include_usage`. */
function streaming(b: Record<string, unknown>): { stream: boolean; includeUsage: boolean } {
  const st = b.stream === undefined || b.stream === null ? false : b.stream;
  if (typeof st !== "boolean") bad("'stream' must be a boolean", "stream");
  const so = b.stream_options;
  if (so !== undefined && so !== null) {
    if (!st) bad("'stream_options' is only allowed when 'stream' is true", "stream_options");
    if (typeof so !== "object" || Array.isArray(so)) bad("'stream_options' must be an object", "stream_options");
  }
  const iu = so ? (so as Record<string, unknown>).include_usage : undefined;
  if (iu !== undefined && iu !== null && typeof iu !== "boolean") bad("'stream_options.include_usage' must be a boolean", "stream_options.include_usage");
  return { stream: st as boolean, includeUsage: iu === true };
}

/** Text of a message's content: a string, or an array of {type:"text", text} parts. */
function content(v: unknown, i: number, role: string): string {
  if (typeof v === "string") return v;
  if ((v === null || v === undefined) && (role === "assistant" || role === "tool")) return "";
  if (Array.isArray(v)) {
    const parts: string[] = [];
    v.forEach((p, j) => {
      const part = p as Record<string, unknown>;
      if (part === null || typeof part !== "object" || part.type !== "text" || typeof part.text !== "string") {
        bad("messages[" + i + "].content[" + j + "] must be a {type: \"text\", text} part (only text is supported)", "messages[" + i + "].content");
      }
      parts.push(part.text as string);
    });
    return parts.join("");
  }
  return bad("messages[" + i + "].content must be a string or an array of text parts", "messages[" + i + "].content");
}

export function validateChat(body: unknown): ChatParams {
  const b = object(body);
  const m = model(b);
  const st = streaming(b);
  if (b.messages === undefined) bad("you must provide a messages parameter", "messages");
  if (!Array.isArray(b.messages) || b.messages.length === 0) bad("'messages' must be a non-empty array", "messages");
  const messages = (b.messages as unknown[]).map((raw, i) => {
    if (raw === null || typeof raw !== "object") bad("messages[" + i + "] must be an object", "messages[" + i + "]");
    const msg = raw as Record<string, unknown>;
    if (typeof msg.role !== "string" || !ROLES.has(msg.role)) {
      bad("messages[" + i + "].role must be one of system, user, assistant, developer, tool; got " + JSON.stringify(msg.role), "messages[" + i + "].role");
    }
    return { role: msg.role as string, content: content(msg.content, i, msg.role as string) };
  });
  const logprobs = b.logprobs === undefined || b.logprobs === null ? false : b.logprobs;
  if (typeof logprobs !== "boolean") bad("'logprobs' must be a boolean for chat completions", "logprobs");
  const top = optInt(b, "top_logprobs", 0, 20);
  if (top !== undefined && top > 0 && !logprobs) bad("'top_logprobs' requires 'logprobs' to be true", "top_logprobs");
  const maxTokens = optInt(b, "max_completion_tokens", 0, 1_000_000) ?? optInt(b, "max_tokens", 0, 1_000_000);
  return {
    model: m,
    messages,
    n: num(b, "n", 1, 128, 1, true),
    temperature: num(b, "temperature", 0, 2, 1),
    top_p: num(b, "top_p", 0, 1, 1),
    max_tokens: maxTokens,
    stop: stop(b),
    seed: optInt(b, "seed", -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    logprobs: logprobs as boolean,
    top_logprobs: top ?? 0,
    stream: st.stream,
    includeUsage: st.includeUsage,
  };
}

export function validateCompletion(body: unknown): CompletionParams {
  const b = object(body);
  const m = model(b);
  const st = streaming(b);
  const p = b.prompt;
  if (p === undefined) bad("you must provide a prompt parameter", "prompt");
  let prompts: string[];
  if (typeof p === "string") prompts = [p];
  else if (Array.isArray(p) && p.length > 0 && p.every((x) => typeof x === "string")) prompts = p as string[];
  else return bad("'prompt' must be a string or a non-empty array of strings (token arrays are not supported)", "prompt");
  const echo = b.echo === undefined || b.echo === null ? false : b.echo;
  if (typeof echo !== "boolean") bad("'echo' must be a boolean", "echo");
  const lp = b.logprobs;
  let logprobs: number | null = null;
  if (lp !== undefined && lp !== null && lp !== false) {
    if (lp === true) logprobs = 0;
    else logprobs = num(b, "logprobs", 0, 20, 0, true);
  }
  return {
    model: m,
    prompts,
    n: num(b, "n", 1, 128, 1, true),
    temperature: num(b, "temperature", 0, 2, 1),
    top_p: num(b, "top_p", 0, 1, 1),
    max_tokens: optInt(b, "max_tokens", 0, 1_000_000) ?? 16,
    stop: stop(b),
    seed: optInt(b, "seed", -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    echo: echo as boolean,
    logprobs,
    stream: st.stream,
    includeUsage: st.includeUsage,
  };
}

export function validateEmbedding(body: unknown): EmbeddingParams {
  const b = object(body);
  const m = model(b);
  const inp = b.input;
  if (inp === undefined) bad("you must provide an input parameter", "input");
  let inputs: string[];
  if (typeof inp === "string") inputs = [inp];
  else if (Array.isArray(inp) && inp.length > 0 && inp.every((x) => typeof x === "string")) inputs = inp as string[];
  else return bad("'input' must be a string or a non-empty array of strings (token arrays are not supported)", "input");
  inputs.forEach((s, i) => {
    if (s.length === 0) bad("input[" + i + "] is empty: embedding inputs must be non-empty strings", "input");
  });
  const fmt = b.encoding_format === undefined || b.encoding_format === null ? "float" : b.encoding_format;
  if (fmt !== "float" && fmt !== "base64") bad("'encoding_format' must be \"float\" or \"base64\"", "encoding_format");
  return { model: m, inputs, encoding_format: fmt as "float" | "base64", dimensions: optInt(b, "dimensions", 1, 4096) };
}

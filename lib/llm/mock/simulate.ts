/**
 * Simulated-model answers of the loopback server: dispatch of chat,
 * completion and embedding requests to the simulator registry, with the
 * server's own truncation (stop, max_tokens), tokenisation, default
 * log-prob model and usage counts. Returns OpenAI wire-format bodies.
 */
import { seededRng } from "../../random/seeded";
import type { Simulator, SimulatorContext } from "./simulator";
import { HttpError } from "./http-error";
import { isSimulatedModel, parseSimulatedModel } from "./model-name";
import { generic, qualityParam } from "./simulators/generic";
import { tokenize, countTokens } from "./tokenize";
import { tokenLogprob, topAlternatives, FILLER_WORDS } from "./logprobs";
import { hashedEmbedding, embeddingToBase64, normalize, DEFAULT_EMBEDDING_DIM } from "./embedding";
import { seedFrom } from "./canonical";
import type { ChatParams, CompletionParams, EmbeddingParams } from "./validate";

/** What a simulated request needs from the server. */
export interface SimulationEnv {
  registry: Record<string, Simulator>;
  unknownModels: "generic" | "reject";
  seed: number;
  /** Canonical JSON of the request body (part of every rng seed). */
  canonicalBody: string;
  /** Parsed body, passed to simulators as ctx.request. */
  body: Record<string, unknown>;
  /** Unique suffix for response ids. */
  idSuffix: string;
}

interface Resolved {
  sim: Simulator;
  name: string;
  params: Record<string, string>;
}

/** Default quality of the log-prob model when the model string sets none. */
export const DEFAULT_LOGPROB_QUALITY = 0.5;

/** Find the simulator for a model string, or throw 404 model_not_found. */
export function resolveSimulator(model: string, env: Pick<SimulationEnv, "registry" | "unknownModels">): Resolved {
  const parsed = parseSimulatedModel(model);
  if (parsed) {
    const sim = env.registry[parsed.name];
    if (!sim) {
      throw new HttpError(404, "The model '" + model + "' does not exist: no simulator named '" + parsed.name + "' (known: " + Object.keys(env.registry).sort().join(", ") + ")", "invalid_request_error", "model_not_found", "model");
    }
    return { sim, name: parsed.name, params: parsed.params };
  }
  if (isSimulatedModel(model) || env.unknownModels === "reject") {
    throw new HttpError(404, "The model '" + model + "' does not exist", "invalid_request_error", "model_not_found", "model");
  }
  return { sim: env.registry.generic ?? generic, name: "generic", params: {} };
}

function context(model: string, r: Resolved, env: SimulationEnv, kind: string, index: number, temperature: number, maxTokens?: number): SimulatorContext {
  return {
    model,
    name: r.name,
    params: r.params,
    rng: seededRng(seedFrom(env.seed, model, env.canonicalBody, kind, index)),
    choiceIndex: index,
    temperature,
    request: env.body,
    maxTokens,
  };
}

function callSim<T>(r: Resolved, what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(500, "simulator '" + r.name + "' failed in " + what + ": " + (e instanceof Error ? e.message : String(e)), "server_error", "simulator_error");
  }
}

/** Cut a generated text at the first stop sequence, then at max_tokens tokens. */
export function applyLimits(text: string, stop: string[], maxTokens: number | undefined): { text: string; tokens: string[]; finish: "stop" | "length" } {
  let cut = text;
  for (const s of stop) {
    const i = cut.indexOf(s);
    if (i >= 0) cut = cut.slice(0, i);
  }
  const tokens = tokenize(cut);
  if (maxTokens !== undefined && tokens.length > maxTokens) {
    const kept = tokens.slice(0, maxTokens);
    return { text: kept.join(""), tokens: kept, finish: "length" };
  }
  return { text: cut, tokens, finish: "stop" };
}

function bytes(s: string): number[] {
  return Array.from(Buffer.from(s, "utf8"));
}

/** Prompt tokens of a chat request (content tokens + 4 per message + 3, OpenAI's accounting shape). */
export function chatPromptTokens(messages: { content: string }[]): number {
  let n = 3;
  for (const m of messages) n += countTokens(m.content) + 4;
  return n;
}

/** Answer a chat completion. */
export function simulateChat(p: ChatParams, env: SimulationEnv): Record<string, unknown> {
  const r = resolveSimulator(p.model, env);
  const quality = qualityParam(r.params, DEFAULT_LOGPROB_QUALITY);
  const choices: Record<string, unknown>[] = [];
  let completion = 0;
  const messages = p.messages.map((m) => ({ role: m.role as "system" | "user" | "assistant", content: m.content }));
  for (let i = 0; i < p.n; i++) {
    const ctx = context(p.model, r, env, "chat", i, p.temperature, p.max_tokens);
    const raw = callSim(r, "chat", () => (r.sim.chat ? r.sim.chat(messages, ctx) : generic.chat!(messages, ctx)));
    if (typeof raw !== "string") throw new HttpError(500, "simulator '" + r.name + "' returned a non-string chat answer", "server_error", "simulator_error");
    const lim = applyLimits(raw, p.stop, p.max_tokens);
    completion += lim.tokens.length;
    let logprobs: unknown = null;
    if (p.logprobs) {
      let prev = "";
      logprobs = {
        content: lim.tokens.map((t) => {
          const lp = tokenLogprob(prev, t, quality);
          const top = topAlternatives(prev, t, lp, p.top_logprobs).map((a) => ({ token: a.token, logprob: a.logprob, bytes: bytes(a.token) }));
          prev = t;
          return { token: t, logprob: lp, bytes: bytes(t), top_logprobs: top };
        }),
        refusal: null,
      };
    }
    choices.push({ index: i, message: { role: "assistant", content: lim.text, refusal: null }, logprobs, finish_reason: lim.finish });
  }
  const prompt = chatPromptTokens(p.messages);
  return {
    id: "chatcmpl-" + env.idSuffix,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: p.model,
    system_fingerprint: "evalbook-mock",
    choices,
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

/** The default continuation of a simulated completion: 4–16 filler words (seeded). */
export function defaultContinuation(rng: { int(n: number): number }, maxTokens: number): string {
  const count = Math.min(maxTokens, 4 + rng.int(13));
  let s = "";
  for (let i = 0; i < count; i++) s += FILLER_WORDS[rng.int(FILLER_WORDS.length)];
  return s;
}

/** Answer a legacy text completion (echo, logprobs, several prompts). */
export function simulateCompletion(p: CompletionParams, env: SimulationEnv): Record<string, unknown> {
  const r = resolveSimulator(p.model, env);
  const quality = qualityParam(r.params, DEFAULT_LOGPROB_QUALITY);
  const choices: Record<string, unknown>[] = [];
  let promptTotal = 0;
  let completion = 0;
  p.prompts.forEach((prompt, pi) => {
    promptTotal += countTokens(prompt);
    const defaultPromptTokens = tokenize(prompt);
    for (let j = 0; j < p.n; j++) {
      const index = pi * p.n + j;
      const ctx = context(p.model, r, env, "completion:" + pi, j, p.temperature, p.max_tokens);
      let genRaw: string;
      let promptLps: [string, number | null][] | undefined;
      if (r.sim.complete) {
        const out = callSim(r, "complete", () => r.sim.complete!(prompt, ctx));
        genRaw = typeof out.text === "string" ? out.text : "";
        if (out.promptTokens) {
          const joined = out.promptTokens.map((t) => t[0]).join("");
          if (joined !== prompt) {
            throw new HttpError(500, "simulator '" + r.name + "' returned prompt tokens that do not concatenate to the prompt", "server_error", "simulator_error");
          }
          promptLps = out.promptTokens.map((t) => [t[0], t[1]]);
        }
      } else genRaw = defaultContinuation(ctx.rng, p.max_tokens);
      const lim = applyLimits(genRaw, p.stop, p.max_tokens);
      const finish = lim.finish === "length" || (lim.tokens.length >= p.max_tokens && lim.text === genRaw) ? "length" : "stop";
      completion += lim.tokens.length;
      const text = (p.echo ? prompt : "") + lim.text;
      let logprobs: unknown = null;
      if (p.logprobs !== null) {
        const k = p.logprobs;
        const tokens: string[] = [];
        const lps: (number | null)[] = [];
        const tops: (Record<string, number> | null)[] = [];
        const offsets: number[] = [];
        let offset = p.echo ? 0 : prompt.length;
        let prev = "";
        const push = (t: string, lp: number | null) => {
          tokens.push(t);
          lps.push(lp);
          offsets.push(offset);
          offset += t.length;
          if (k > 0) {
            if (lp === null) tops.push(null);
            else {
              const top: Record<string, number> = {};
              for (const a of topAlternatives(prev, t, lp, k)) top[a.token] = a.logprob;
              tops.push(top);
            }
          }
          prev = t;
        };
        if (p.echo) {
          const pts = promptLps ?? defaultPromptTokens.map((t, i): [string, number | null] => [t, tokenLogprob(i === 0 ? "" : defaultPromptTokens[i - 1], t, quality)]);
          pts.forEach(([t, lp], i) => push(t, i === 0 ? null : lp));
        } else prev = defaultPromptTokens.length ? defaultPromptTokens[defaultPromptTokens.length - 1] : "";
        for (const t of lim.tokens) push(t, tokenLogprob(prev, t, quality));
        logprobs = { tokens, token_logprobs: lps, top_logprobs: k > 0 ? tops : null, text_offset: offsets };
      }
      choices.push({ index, text, logprobs, finish_reason: finish });
    }
  });
  return {
    id: "cmpl-" + env.idSuffix,
    object: "text_completion",
    created: Math.floor(Date.now() / 1000),
    model: p.model,
    system_fingerprint: "evalbook-mock",
    choices,
    usage: { prompt_tokens: promptTotal, completion_tokens: completion, total_tokens: promptTotal + completion },
  };
}

/** Answer an embeddings request. */
export function simulateEmbedding(p: EmbeddingParams, env: SimulationEnv): Record<string, unknown> {
  const r = resolveSimulator(p.model, env);
  let tokens = 0;
  const data = p.inputs.map((input, i) => {
    tokens += countTokens(input);
    let v: number[];
    if (r.sim.embed) {
      const ctx = context(p.model, r, env, "embed", i, 1);
      const out = callSim(r, "embed", () => r.sim.embed!(input, ctx));
      if (!Array.isArray(out) || out.length === 0 || out.some((x) => typeof x !== "number" || !Number.isFinite(x))) {
        throw new HttpError(500, "simulator '" + r.name + "' returned an invalid embedding for input " + i, "server_error", "simulator_error");
      }
      v = p.dimensions !== undefined && p.dimensions < out.length ? normalize(out.slice(0, p.dimensions)) : out.slice();
    } else v = hashedEmbedding(input, p.dimensions ?? DEFAULT_EMBEDDING_DIM);
    return { object: "embedding", index: i, embedding: p.encoding_format === "base64" ? embeddingToBase64(v) : v };
  });
  return { object: "list", data, model: p.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

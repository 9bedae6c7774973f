import * as path from "node:path";
import { createRequire } from "node:module";
import { projectRoot } from "../../io/paths";
import type { ChatRequest, CompletionRequest, EmbeddingRequest, Endpoint, LLMResponse } from "../types";
import { chatBody, completionBody, embeddingBody } from "./body";
import { classifyError } from "./errors";
import { apiKeyFor, baseURLFor } from "./keys";
import { createHttpFetch, type FetchFn } from "./http-fetch";
import { mapChatChoices, mapCompletionChoices, mapEmbeddings, mapUsage } from "./map-response";

/** The subset of the openai / together-ai client surface used here (both are Stainless SDKs with this shape). */
interface SdkClient {
  chat: { completions: { create(body: any, opts?: any): Promise<any> } };
  completions: { create(body: any, opts?: any): Promise<any> };
  embeddings: { create(body: any, opts?: any): Promise<any> };
}

type SdkConstructor = new (opts: { apiKey: string; baseURL: string; maxRetries: number; timeout: number; fetch?: FetchFn }) => SdkClient;

let sdkCache: { OpenAI: SdkConstructor; Together: SdkConstructor } | undefined;

/**
 * Load the SDKs on first use, untyped: their declaration files are large and
 * type-checking them in every notebook import (tslab compiles what a cell
 * imports) costs many seconds. The subset used is typed by SdkClient.
 */
function sdks(): { OpenAI: SdkConstructor; Together: SdkConstructor } {
  if (!sdkCache) {
    const req = createRequire(path.join(projectRoot(), "package.json"));
    sdkCache = { OpenAI: req("openai").OpenAI as SdkConstructor, Together: req("together-ai").Together as SdkConstructor };
  }
  return sdkCache;
}

/** What one provider call needs besides the request. */
export interface CallContext {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A provider speaks one wire dialect; one attempt per call, no retries (the scheduler retries). */
export interface Provider {
  chat(ep: Endpoint, req: ChatRequest, ctx: CallContext): Promise<LLMResponse>;
  complete(ep: Endpoint, req: CompletionRequest, ctx: CallContext): Promise<LLMResponse>;
  embed(ep: Endpoint, req: EmbeddingRequest, ctx: CallContext): Promise<LLMResponse>;
}

/** True for the loopback server's simulated models ("simulated/<name>"). */
export function isSimulatedModel(model: string): boolean {
  return model.startsWith("simulated/");
}

/**
 * A provider backed by the official SDK: `openai` for OpenAI and any
 * OpenAI-compatible server, `together-ai` for Together. SDK retries are
 * off (maxRetries 0) and the SDK timeout is the endpoint's per-attempt
 * timeout. Clients are created once per (base URL, key variable). Requests
 * go through a lean node:http fetch (see http-fetch.ts) unless transport is
 * "fetch" (or EVALBOOK_LLM_TRANSPORT=fetch).
 */
export function createSdkProvider(env: NodeJS.ProcessEnv = process.env, options: { transport?: "http" | "fetch" } = {}): Provider {
  const clients = new Map<string, SdkClient>();
  // "http" (default): the lean node:http fetch; "fetch": the SDKs' own (undici). EVALBOOK_LLM_TRANSPORT overrides.
  const transport = options.transport ?? (env.EVALBOOK_LLM_TRANSPORT === "fetch" ? "fetch" : "http");
  const fetchFn = transport === "http" ? createHttpFetch() : undefined;
  const clientFor = (ep: Endpoint, timeoutMs: number): SdkClient => {
    const baseURL = baseURLFor(ep);
    const apiKey = apiKeyFor(ep, env);
    const id = ep.provider + "|" + baseURL + "|" + (ep.apiKeyEnv ?? "") + "|" + timeoutMs;
    let c = clients.get(id);
    if (!c) {
      const common = { apiKey, baseURL, maxRetries: 0, timeout: timeoutMs, ...(fetchFn ? { fetch: fetchFn } : {}) };
      const { OpenAI, Together } = sdks();
      c = ep.provider === "together" ? new Together(common) : new OpenAI(common);
      clients.set(id, c);
    }
    return c;
  };
  const label = (ep: Endpoint) => ep.provider + ":" + ep.model;
  const opts = (ctx: CallContext) => ({ timeout: ctx.timeoutMs, maxRetries: 0, signal: ctx.signal });
  const call = async <T>(ep: Endpoint, ctx: CallContext, fn: (c: SdkClient) => Promise<any>, map: (data: any) => T) => {
    const client = clientFor(ep, ctx.timeoutMs);
    const t0 = Date.now();
    let data: any;
    try {
      data = await fn(client);
    } catch (e) {
      throw classifyError(e, label(ep));
    }
    const latencyMs = Date.now() - t0;
    return { mapped: map(data), data, latencyMs };
  };
  const finish = (ep: Endpoint, data: any, latencyMs: number, part: Pick<LLMResponse, "choices"> & { embeddings?: number[][] }): LLMResponse => ({
    ...part,
    usage: mapUsage(data?.usage),
    model: typeof data?.model === "string" ? data.model : ep.model,
    latencyMs,
    cached: false,
    simulated: isSimulatedModel(ep.model),
  });
  return {
    async chat(ep, req, ctx) {
      const { mapped, data, latencyMs } = await call(ep, ctx, (c) => c.chat.completions.create(chatBody(ep.model, req), opts(ctx)), (d) => mapChatChoices(d, label(ep)));
      return finish(ep, data, latencyMs, { choices: mapped });
    },
    async complete(ep, req, ctx) {
      const { mapped, data, latencyMs } = await call(
        ep,
        ctx,
        (c) => c.completions.create(completionBody(ep.model, req), opts(ctx)),
        (d) => mapCompletionChoices(d, label(ep), req.prompt, req.echo === true),
      );
      return finish(ep, data, latencyMs, { choices: mapped });
    },
    async embed(ep, req, ctx) {
      const { mapped, data, latencyMs } = await call(ep, ctx, (c) => c.embeddings.create(embeddingBody(ep.model, req), opts(ctx)), (d) => mapEmbeddings(d, label(ep), req.input.length));
      return finish(ep, data, latencyMs, { choices: [], embeddings: mapped });
    },
  };
}

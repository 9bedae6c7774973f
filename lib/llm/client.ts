import * as path from "node:path";
import type { ChatRequest, CompletionRequest, EmbeddingRequest, Endpoint, LLM, LLMResponse, CallOptions } from "./types";
import type { LLMConfig } from "./config";
import { projectRoot } from "../io/paths";
import { UserError } from "../util/errors";
import { seededRng } from "../random/seeded";
import { inNotebook } from "../plot/show";
import { createSdkProvider, type Provider } from "./providers/sdk-provider";
import { baseURLFor } from "./providers/keys";
import { ResponseCache } from "./cache/store";
import { cacheKey, cacheKeyFields, type RequestKind } from "./cache/key";
import { explainAgainst, type MissExplanation } from "./cache/explain";
import { EndpointScheduler, type SchedulerStats } from "./scheduler/scheduler";
import { RoleRegistry } from "./registry/registry";
import { loadProjectConfig } from "./registry/config-file";
import { rolesFromEnv } from "./registry/env";
import { parseRoleFlags } from "./registry/cli-flags";
import { parseEndpointSpec } from "./registry/parse-spec";
import { isProblem } from "./registry/validate";
import { Budget } from "./usage/budget";
import { estimateTokens } from "./usage/estimate";
import { costUSD, loadPrices, priceOf } from "./usage/prices";
import { UsageTracker, type UsageSummary } from "./usage/tracker";
import { readRunMeta, writeRunMeta, type RunMeta } from "./records/meta";
import { validateRequest } from "./request-check";

/** The client every study uses: the `LLM` interface plus accounting and lifecycle. */
export interface LLMClient extends LLM {
  /** Tokens and cost so far (total, by stage, role and model; dry-run estimate). */
  usage(): UsageSummary;
  /** The run metadata (roles and their history, config, prompts, usage). */
  meta(): RunMeta;
  /** Record a prompt template version used by the run (written to meta.json). */
  recordPrompt(name: string, version: string): void;
  /** Record a stage's counts in meta.json. */
  recordStage(stage: string, counts: { done: number; failed: number; skipped: number }): void;
  /** Why a request would miss the cache (which key fields differ from the nearest entry). */
  explainMiss(role: string, kind: RequestKind, request: ChatRequest | CompletionRequest | EmbeddingRequest, options?: CallOptions): MissExplanation;
  /** Scheduler counters of the endpoint a role points to. */
  schedulerStats(role: string): SchedulerStats;
  /** The response cache (undefined when disabled). */
  readonly cache: ResponseCache | undefined;
  readonly dryRun: boolean;
  /** Flush the cache, write meta.json (status finished unless given). */
  close(status?: "finished" | "stopped" | "failed"): Promise<void>;
}

/**
 * Create the LLM client. Roles resolve in the order: evalbook.config.json <
 * `config.roles` < EVALBOOK_ROLE_* < `--role` flags < `setRole` calls; each
 * resolution is recorded in run metadata. Calls go: cache (hit: no call) →
 * coalescing of identical in-flight requests → dry run (count only) → budget
 * (refuse before exceeding) → per-endpoint scheduler (limits, retries) →
 * provider SDK → cache write (successes only) → usage.
 */
export function createLLM(config: LLMConfig = {}): LLMClient {
  const env = config.env ?? process.env;
  const root = config.root ?? projectRoot();
  const project = config.configFile === false ? { roles: {} as Record<string, Endpoint> } : loadProjectConfig(root);
  const registry = new RoleRegistry({ ...((project as { limits?: object }).limits ?? {}), ...(config.limits ?? {}) });
  for (const [role, ep] of Object.entries(project.roles)) registry.set(role, ep, "config");
  for (const [role, spec] of Object.entries(config.roles ?? {})) {
    const ep = typeof spec === "string" ? parseEndpointSpec(spec, "roles." + role) : spec;
    if (isProblem(ep)) throw new UserError(ep.field + " " + ep.reason);
    registry.set(role, ep as Endpoint, config.rolesSource ?? "code");
  }
  if (config.envOverrides !== false) for (const [role, ep] of Object.entries(rolesFromEnv(env))) registry.set(role, ep, "env");
  for (const [role, ep] of Object.entries(parseRoleFlags(config.roleFlags))) registry.set(role, ep, "cli");

  const p = project as { cacheDir?: string; budget?: object; prices?: object };
  const cacheDir = config.cacheDir === false ? undefined : path.resolve(root, config.cacheDir ?? env.EVALBOOK_CACHE_DIR ?? p.cacheDir ?? path.join(".evalbook", "cache"));
  const cache = cacheDir ? new ResponseCache(cacheDir, config.cache) : undefined;
  const prices = loadPrices({ ...((p.prices as object) ?? {}), ...(config.prices ?? {}) }, env);
  const budget = new Budget({ ...((p.budget as object) ?? {}), ...(config.budget ?? {}) });
  const dryRun = config.dryRun === true;
  const provider: Provider = config.provider ?? createSdkProvider(env);
  const tracker = new UsageTracker();
  const schedulers = new Map<string, EndpointScheduler>();
  const inflight = new Map<string, Promise<LLMResponse>>();
  const random = config.scheduler?.random ?? (config.seed !== undefined ? seededRng(config.seed).random : undefined);

  const startedAt = new Date().toISOString();
  const previous = config.runDir ? readRunMeta(config.runDir) : undefined;
  const historyBefore = previous?.roleHistory ?? [];
  const meta: RunMeta = {
    createdAt: previous?.createdAt ?? startedAt,
    updatedAt: startedAt,
    config: {
      cacheDir: cacheDir ? displayPath(root, cacheDir) : false,
      budget: budget.limits,
      dryRun,
      limits: config.limits ?? {},
      configFile: (project as { file?: string }).file ? displayPath(root, (project as { file?: string }).file!) : null,
      ...(config.record ?? {}),
    },
    roles: {},
    roleHistory: [],
    prompts: { ...(previous?.prompts ?? {}) },
    stages: { ...(previous?.stages ?? {}) },
    simulated: false,
    sessions: [...(previous?.sessions ?? []), { startedAt, pid: process.pid, status: "running" }],
  };
  const session = meta.sessions[meta.sessions.length - 1];
  const syncMeta = () => {
    meta.roles = registry.current();
    meta.roleHistory = [...historyBefore, ...registry.history];
    meta.simulated = Object.values(meta.roles).some((e) => e.model.startsWith("simulated/"));
    session.usage = tracker.summary();
  };
  const saveMeta = () => {
    syncMeta();
    if (config.runDir) writeRunMeta(config.runDir, meta);
  };
  saveMeta();

  const schedulerFor = (ep: Endpoint): EndpointScheduler => {
    const id = [ep.provider, baseURLFor(ep), ep.model, ep.dedicatedEndpointId ?? ""].join("|");
    let s = schedulers.get(id);
    if (!s) schedulers.set(id, (s = new EndpointScheduler(ep.limits, { ...(config.scheduler ?? {}), ...(random ? { random } : {}) })));
    return s;
  };

  async function call(kind: RequestKind, role: string, request: ChatRequest | CompletionRequest | EmbeddingRequest, options: CallOptions = {}): Promise<LLMResponse> {
    validateRequest(kind, request);
    const ep = registry.resolve(role);
    const fields = cacheKeyFields(ep, kind, request, options.sampleIndex ?? 0);
    const key = cacheKey(fields);
    const stage = options.stage;
    const model = ep.provider + ":" + ep.model;
    if (cache && !options.refresh) {
      let hit = cache.get(key);
      if (!hit) {
        cache.refresh(250);
        hit = cache.get(key);
      }
      if (hit) {
        tracker.record({ role, model, stage, promptTokens: 0, completionTokens: 0, cached: true, costUSD: 0 });
        return hit;
      }
    }
    const pending = inflight.get(key);
    if (pending) {
      const r = await pending;
      tracker.record({ role, model, stage, promptTokens: 0, completionTokens: 0, cached: true, costUSD: 0 });
      return { ...structuredClone(r), cached: true, latencyMs: 0 };
    }
    const est = estimateTokens(kind, request);
    const price = priceOf(prices, ep.provider, ep.model);
    const worstCost = price ? costUSD(price, est.prompt, est.completion) : undefined;
    if (dryRun) {
      tracker.record({ role, model, stage, promptTokens: est.prompt, completionTokens: est.completion, costUSD: worstCost, cached: false, dryRun: true });
      return dryRunResponse(kind, request, ep, est);
    }
    const what = kind + " call to " + model + (options.itemId ? " (item " + options.itemId + ")" : "");
    const release = budget.active ? budget.reserve(est.prompt + est.completion, worstCost, what) : undefined;
    const sched = schedulerFor(ep);
    const promise = (async () => {
      try {
        const r = await sched.run(
          () => {
            const ctx = { timeoutMs: sched.timeoutMs };
            if (kind === "chat") return provider.chat(ep, request as ChatRequest, ctx);
            if (kind === "completion") return provider.complete(ep, request as CompletionRequest, ctx);
            return provider.embed(ep, request as EmbeddingRequest, ctx);
          },
          est.prompt + est.completion,
          (res) => limiterTokens(kind, request, res),
        );
        const cost = price ? costUSD(price, r.usage.promptTokens, r.usage.completionTokens) : undefined;
        release?.(r.usage.totalTokens, cost);
        tracker.record({ role, model, stage, promptTokens: r.usage.promptTokens, completionTokens: r.usage.completionTokens, costUSD: cost, cached: false });
        if (cache) cache.put(key, fields, r);
        return r;
      } catch (e) {
        release?.(0, 0);
        throw e;
      }
    })();
    inflight.set(key, promise);
    try {
      return await promise;
    } finally {
      inflight.delete(key);
    }
  }

  const client: LLMClient = {
    cache,
    dryRun,
    chat: (role, req, opts) => call("chat", role, req, opts),
    complete: (role, req, opts) => call("completion", role, req, opts),
    embed: (role, req, opts) => call("embedding", role, req, opts),
    endpoint: (role) => registry.get(role),
    setRole(role, endpoint) {
      registry.swap(role, endpoint, inNotebook() ? "notebook" : "code");
      saveMeta();
    },
    usage: () => tracker.summary(),
    meta() {
      syncMeta();
      return JSON.parse(JSON.stringify(meta)) as RunMeta;
    },
    recordPrompt(name, version) {
      meta.prompts[name] = version;
      saveMeta();
    },
    recordStage(stage, counts) {
      meta.stages[stage] = { ...counts, at: new Date().toISOString() };
      saveMeta();
    },
    explainMiss(role, kind, request, options = {}) {
      const fields = cacheKeyFields(registry.get(role), kind, request, options.sampleIndex ?? 0);
      cache?.refresh();
      return explainAgainst(fields, cache ? cache.entries() : []);
    },
    schedulerStats: (role) => ({ ...schedulerFor(registry.get(role)).stats }),
    async close(status = "finished") {
      await Promise.allSettled([...inflight.values()]);
      cache?.close();
      session.endedAt = new Date().toISOString();
      session.status = status;
      saveMeta();
    },
  };
  return client;
}

function dryRunResponse(kind: RequestKind, request: ChatRequest | CompletionRequest | EmbeddingRequest, ep: Endpoint, est: { prompt: number; completion: number }): LLMResponse {
  const n = kind === "embedding" ? 0 : ((request as ChatRequest).n ?? 1);
  return {
    choices: Array.from({ length: n }, (_, index) => ({ index, text: "", finishReason: "dry_run" })),
    ...(kind === "embedding" ? { embeddings: (request as EmbeddingRequest).input.map(() => []) } : {}),
    usage: { promptTokens: est.prompt, completionTokens: est.completion, totalTokens: est.prompt + est.completion },
    model: ep.model,
    latencyMs: 0,
    cached: false,
    simulated: ep.model.startsWith("simulated/"),
  };
}

/** A path relative to the project root when inside it, else absolute. */
function displayPath(root: string, p: string): string {
  const rel = path.relative(root, p);
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
}

/**
 * Tokens a call occupies in the tokens/minute window once its usage is
 * known: the real prompt tokens plus max_tokens × n when max_tokens is set
 * (what OpenAI-style limiters charge at arrival), else the real completion.
 */
export function limiterTokens(kind: RequestKind, request: ChatRequest | CompletionRequest | EmbeddingRequest, res: LLMResponse): number {
  if (kind === "embedding") return res.usage.promptTokens || res.usage.totalTokens;
  const r = request as ChatRequest;
  const reserved = r.max_tokens !== undefined ? r.max_tokens * (r.n ?? 1) : 0;
  return res.usage.promptTokens + Math.max(reserved, res.usage.completionTokens);
}

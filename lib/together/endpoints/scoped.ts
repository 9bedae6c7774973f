/**
 * `withEndpoint`: start (or reuse) a dedicated endpoint for a model, wait
 * until it is ready, point a registry role at it, run the callback, and
 * ALWAYS stop the endpoint afterwards — when the callback returns, when it
 * throws, when waiting fails or times out, and on SIGINT/SIGTERM while it
 * runs. The role's previous endpoint is restored afterwards.
 */
import type { Endpoint, LLM } from "../../llm/types";
import type { TogetherHttp } from "../http";
import { UserError } from "../../util/errors";
import { createEndpoint, deleteEndpoint, listEndpoints, setEndpointState, stopEndpoint, type CreateEndpointParams, type DedicatedEndpoint } from "./api";
import { registerActiveEndpoint, unregisterActiveEndpoint } from "./cleanup";
import { openLedger } from "../ledger";
import { hourlyCostUsd } from "./cost";
import { listHardware } from "./api";
import { waitForEndpoint } from "./wait";

export interface WithEndpointOptions extends CreateEndpointParams {
  /** Client whose role should point at the endpoint while the callback runs. */
  llm?: Pick<LLM, "setRole" | "endpoint">;
  /** Role to point at the endpoint (needs llm). */
  role?: string;
  /** Provider of the role while it points at the endpoint (default: see endpointRole). */
  roleProvider?: Endpoint["provider"];
  /** Reuse a stopped/running endpoint of ours for the same model and hardware (default true). */
  reuse?: boolean;
  /** Delete the endpoint after stopping it (default false: stopped endpoints cost nothing). */
  deleteAfter?: boolean;
  /** Readiness timeout (ms, default 30 min). */
  readyTimeoutMs?: number;
  /** Poll interval (ms, default 5000). */
  pollMs?: number;
  onMessage?: (message: string) => void;
  /**
   * Run directory: each use is recorded in its `together-endpoints` stage
   * records (endpoint id, model, hardware, replicas, start/ready/stop times,
   * hourly price and the estimated cost of the use).
   */
  runDir?: string;
}

/** One use of a dedicated endpoint, as recorded in the run records. */
export interface EndpointUseRecord {
  use: string;
  endpointId: string;
  model: string;
  hardware: string;
  minReplicas: number;
  maxReplicas: number;
  reused: boolean;
  startedAt: string;
  readyAt?: string;
  stoppedAt?: string;
  /** "running" while in use; "stopped" after; "failed" when it never became ready; "stop-failed" when the stop request failed. */
  status: "running" | "stopped" | "failed" | "stop-failed";
  error?: string;
  hourlyCostUsd?: number;
  /** Hourly price × hours from start to stop (an estimate; Together's bill is authoritative). */
  estimatedCostUsd?: number;
}

/**
 * The endpoint a role should use to reach a dedicated endpoint: the
 * endpoint's name as model (what Together routes to it), its id, the API's
 * base URL. Provider "together" — except on the loopback server, which needs
 * no key, where "openai-compatible" is used (unless `provider` is given).
 */
export function endpointRole(http: TogetherHttp, ep: DedicatedEndpoint, provider?: Endpoint["provider"]): Endpoint {
  return { provider: provider ?? (http.isLoopback ? "openai-compatible" : "together"), model: ep.name || ep.model, dedicatedEndpointId: ep.id, baseURL: http.baseURL };
}

/** Point `role` of `llm` at a dedicated endpoint. */
export function pointRoleAt(llm: Pick<LLM, "setRole">, role: string, http: TogetherHttp, ep: DedicatedEndpoint, provider?: Endpoint["provider"]): void {
  llm.setRole(role, endpointRole(http, ep, provider));
}

/** Start an endpoint (create, or restart a reusable one) without waiting. */
export async function startEndpoint(http: TogetherHttp, options: WithEndpointOptions): Promise<{ endpoint: DedicatedEndpoint; reused: boolean }> {
  if (options.reuse ?? true) {
    const mine = (await listEndpoints(http, { type: "dedicated", mine: true })).filter(
      (e) => e.model === options.model && (e.hardware === undefined || e.hardware === options.hardware) && e.state !== "ERROR" && e.state !== "STOPPING",
    );
    const pick = mine.find((e) => e.state === "STARTED") ?? mine.find((e) => e.state === "STARTING" || e.state === "PENDING") ?? mine[0];
    if (pick) {
      const endpoint = pick.state === "STOPPED" ? await setEndpointState(http, pick.id, "STARTED") : pick;
      return { endpoint, reused: true };
    }
  }
  return { endpoint: await createEndpoint(http, options), reused: false };
}

/** See module doc. Returns the callback's result. */
export async function withEndpoint<T>(http: TogetherHttp, options: WithEndpointOptions, fn: (endpoint: DedicatedEndpoint) => Promise<T> | T): Promise<T> {
  const say = options.onMessage ?? (() => {});
  const { endpoint: started, reused } = await startEndpoint(http, options);
  registerActiveEndpoint(http, started.id);
  const t0 = Date.now();
  const uses = options.runDir ? openLedger<EndpointUseRecord>("endpoints", (r) => r.use, { runDir: options.runDir }) : undefined;
  let use: EndpointUseRecord | undefined;
  let failure: string | undefined;
  say("endpoints: " + (reused ? "reusing" : "created") + " endpoint " + started.id + " for " + options.model + " on " + options.hardware);
  let previous: Endpoint | undefined;
  let rolePointed = false;
  try {
    // From here on the endpoint exists: everything is inside try/finally so that it is always stopped.
    if (uses) {
      let hourly: number | undefined;
      try {
        hourly = hourlyCostUsd({ ...started, hardware: started.hardware ?? options.hardware, autoscaling: started.autoscaling ?? { min_replicas: options.minReplicas ?? 1, max_replicas: options.maxReplicas ?? options.minReplicas ?? 1 } }, await listHardware(http));
      } catch {
        hourly = undefined; // the price is informative only
      }
      use = {
        use: started.id + "@" + new Date(t0).toISOString(),
        endpointId: started.id,
        model: options.model,
        hardware: options.hardware,
        minReplicas: options.minReplicas ?? 1,
        maxReplicas: options.maxReplicas ?? options.minReplicas ?? 1,
        reused,
        startedAt: new Date(t0).toISOString(),
        status: "running",
        hourlyCostUsd: hourly,
      };
      uses.append(use);
    }
    let ready: DedicatedEndpoint;
    try {
      ready = await waitForEndpoint(http, started.id, {
        timeoutMs: options.readyTimeoutMs,
        pollMs: options.pollMs,
        onState: (e) => say("endpoints: " + e.id + " " + e.state),
      });
    } catch (e) {
      failure = (e as Error).message;
      throw e;
    }
    if (use) use.readyAt = new Date().toISOString();
    if (options.llm && options.role) {
      try {
        previous = options.llm.endpoint(options.role);
      } catch {
        previous = undefined;
      }
      pointRoleAt(options.llm, options.role, http, ready, options.roleProvider);
      rolePointed = true;
      say("endpoints: role '" + options.role + "' → " + (ready.name || ready.model) + " (endpoint " + ready.id + ")");
    }
    return await fn(ready);
  } finally {
    if (rolePointed && previous && options.llm && options.role) options.llm.setRole(options.role, previous);
    let stopError: string | undefined;
    try {
      try {
        await stopEndpoint(http, started.id);
      } catch (e) {
        stopError = (e as Error).message;
        throw new UserError("could not stop endpoint " + started.id + " (it may still be billing): " + stopError + " — stop it with `npx evalbook together endpoints stop " + started.id + "`");
      }
      say("endpoints: stopped " + started.id);
      if (options.deleteAfter) {
        await deleteEndpoint(http, started.id);
        say("endpoints: deleted " + started.id);
      }
    } finally {
      unregisterActiveEndpoint(http, started.id);
      if (uses && use) {
        const t1 = Date.now();
        const cost = use.hourlyCostUsd === undefined ? undefined : (use.hourlyCostUsd * (t1 - t0)) / 3600_000;
        const status = stopError ? "stop-failed" : failure ? "failed" : "stopped";
        uses.append({ ...use, stoppedAt: stopError ? undefined : new Date(t1).toISOString(), status, error: stopError ?? failure, estimatedCostUsd: cost });
      }
    }
  }
}

import { startMockServer } from "./mock/index";
import type { MockServer, MockServerOptions } from "./mock/index";
import type { Endpoint } from "./types";
import type { LLMConfig } from "./config";
import { createLLM, type LLMClient } from "./client";

export interface OfflineOptions {
  /** Role → simulated model string, e.g. { judge: "simulated/self-taught-judge?quality=0.7" }. */
  roles: Record<string, string>;
  /** Run directory for meta.json (and the stage records the caller writes). */
  runDir?: string;
  /** Response cache directory (default: no cache; simulated answers are cheap and deterministic). */
  cacheDir?: string;
  /** Seed of the simulated models, latency and faults (default 0). */
  seed?: number;
  /** Further loopback-server options (latency, faults, logFile, ...). */
  server?: Omit<MockServerOptions, "seed">;
  /** Further client options (budget, dryRun, limits, ...). */
  client?: Omit<LLMConfig, "roles" | "runDir" | "cacheDir" | "seed">;
}

export interface OfflineLLM {
  llm: LLMClient;
  server: MockServer;
  /** Close the client (writes meta.json) and stop the server. */
  close(): Promise<void>;
}

/**
 * The offline default of the study notebooks: start the loopback server
 * in-process (simulated models from lib/llm/mock/simulators) and return a
 * client whose roles point at it. Keys are not needed; the project config
 * file and EVALBOOK_ROLE_* overrides are ignored (pass `client: {configFile:
 * true, envOverrides: true}` to allow them). Every response is marked
 * `simulated: true` and so is the run's meta.json.
 */
export async function startOfflineLLM(opts: OfflineOptions): Promise<OfflineLLM> {
  const seed = opts.seed ?? 0;
  const server = await startMockServer({ ...(opts.server ?? {}), seed });
  try {
    const roles: Record<string, Endpoint> = {};
    for (const [role, model] of Object.entries(opts.roles)) {
      roles[role] = { provider: "openai-compatible", model, baseURL: server.url, cacheNamespace: "offline-simulated?seed=" + seed };
    }
    const llm = createLLM({
      configFile: false,
      envOverrides: false,
      ...(opts.client ?? {}),
      roles,
      rolesSource: "offline",
      runDir: opts.runDir,
      cacheDir: opts.cacheDir ?? false,
      seed,
      record: { offline: true, serverSeed: seed, ...(opts.client?.record ?? {}) },
    });
    return {
      llm,
      server,
      async close() {
        try {
          await llm.close();
        } finally {
          await server.close();
        }
      },
    };
  } catch (e) {
    await server.close();
    throw e;
  }
}

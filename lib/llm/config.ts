import type { Endpoint, EndpointLimits } from "./types";
import type { CacheOptions } from "./cache/store";
import type { BudgetLimits } from "./usage/budget";
import type { PriceTable } from "./usage/prices";
import type { SchedulerOptions } from "./scheduler/scheduler";
import type { Provider } from "./providers/sdk-provider";

/** Configuration of `createLLM`. Every member is optional. */
export interface LLMConfig {
  /** Roles given in code (lowest precedence after the config file: config < these < env < flags < setRole). */
  roles?: Record<string, Endpoint | string>;
  /** Source recorded for `roles` in the run metadata (default "code"). */
  rolesSource?: "code" | "offline";
  /** Project root holding evalbook.config.json (default projectRoot()). */
  root?: string;
  /** Read evalbook.config.json from the root (default true). */
  configFile?: boolean;
  /** Environment for keys and EVALBOOK_ROLE_* overrides (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Apply EVALBOOK_ROLE_* overrides (default true). */
  envOverrides?: boolean;
  /** Values of `--role ROLE=SPEC` flags. */
  roleFlags?: string[];
  /** Response cache directory (default: config cacheDir, EVALBOOK_CACHE_DIR, or <root>/.evalbook/cache); false disables the cache. */
  cacheDir?: string | false;
  cache?: CacheOptions;
  /** Run directory: meta.json is written there (records go there too via runStage). */
  runDir?: string;
  budget?: BudgetLimits;
  /** Make no calls: count calls, estimated tokens and cost (cache hits are still served). */
  dryRun?: boolean;
  /** Price overrides (USD per 1M tokens). */
  prices?: PriceTable;
  /** Default limits for every endpoint (under each endpoint's own). */
  limits?: EndpointLimits;
  /** Seed of the retry jitter (deterministic backoff). */
  seed?: number;
  /** Scheduler internals (clock, random, backoff) for tests. */
  scheduler?: SchedulerOptions;
  /** Provider implementation (default: the openai / together-ai SDKs). */
  provider?: Provider;
  /** Free-form config recorded in meta.json (e.g. study parameters). Never put keys here. */
  record?: Record<string, unknown>;
}

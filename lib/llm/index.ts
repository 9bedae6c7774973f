/**
 * The LLM layer: one request/response model, providers (openai, together-ai,
 * OpenAI-compatible servers), role registry, on-disk response cache,
 * scheduler (limits, retries), usage/cost/budget/dry run, progress, run
 * records, and the offline loopback server. See ./README.md.
 */
export * from "./types";
export { createLLM, type LLMClient } from "./client";
export type { LLMConfig } from "./config";
export { startOfflineLLM, type OfflineLLM, type OfflineOptions } from "./offline";
export { openStage, runStage, readRunMeta, writeRunMeta, stageFile, META_FILE, type StageRecords, type RunStageOptions, type RunStageResult, type RunMeta, type RunSession } from "./records";
export { RoleRegistry, parseEndpointSpec, loadProjectConfig, parseProjectConfig, rolesFromEnv, roleOption, parseRoleFlags, CONFIG_FILE, type RoleResolution, type RoleSource, type ProjectLLMConfig } from "./registry/index";
export { ResponseCache, cacheKey, cacheKeyFields, canonicalJson, explainAgainst, cacheStats, type CacheKeyFields, type CacheStats, type MissExplanation, type FieldDifference, type RequestKind } from "./cache/index";
export { EndpointScheduler, DEFAULT_LIMITS, type SchedulerOptions, type SchedulerStats } from "./scheduler/scheduler";
export { parseRetryAfter } from "./scheduler/retry-after";
export { backoffDelay } from "./scheduler/backoff";
export { ProviderError, classifyError, isRetryableStatus } from "./providers/errors";
export { createSdkProvider, isSimulatedModel, type Provider } from "./providers/sdk-provider";
export { apiKeyFor, apiKeyEnvName } from "./providers/keys";
export { Budget, BudgetExceeded, UsageTracker, loadPrices, priceOf, costUSD, estimateTokens, type UsageSummary, type UsageTotals, type PriceTable, type ModelPrice, type BudgetLimits } from "./usage/index";
export { createProgress, type Progress, type ProgressOptions } from "./progress/index";
export { llmOptions, createLLMFromArgs } from "./cli";
export * as mock from "./mock/index";

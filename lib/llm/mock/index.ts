/**
 * The loopback server and simulated models (see ./README.md).
 * Everything here compiles under TypeScript 5.0 / ES2022.
 */
export { startMockServer } from "./server";
export type { MockServer, MockServerOptions, RequestLogEntry, FaultConfig, FaultKind, RateLimitConfig, LatencySpec, MockStats } from "./server-types";
export { FAULT_KINDS } from "./server-types";
export type { MockRoute, MockRequest, MockResponder, MockMethod } from "./route";
export { compilePattern } from "./route";
export { defaultRoutes } from "./plugins";
export { readRequestLogFile, type FileLogEntry } from "./request-log";
export type { Simulator, SimulatorContext, SimulatedCompletion } from "./simulator";
export { simulators } from "./simulators/index";
export { generic as genericSimulator, qualityParam } from "./simulators/generic";
export { tokenize, countTokens } from "./tokenize";
export { tokenLogprob, tokenDifficulty, topAlternatives, meanLogprob } from "./logprobs";
export { hashedEmbedding, DEFAULT_EMBEDDING_DIM } from "./embedding";
export { parseSimulatedModel, isSimulatedModel, SIMULATED_PREFIX } from "./model-name";
export { canonicalJson } from "./canonical";
export { HttpError } from "./http-error";

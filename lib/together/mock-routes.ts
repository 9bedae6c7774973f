/**
 * Together AI routes for the loopback server (files, fine-tunes, endpoints,
 * hardware, and the "fine-tuned models need a STARTED dedicated endpoint"
 * rule for chat/completions). Install with
 * `startMockServer({ routes: togetherRoutes(options) })`; `defaultRoutes()`
 * includes them with default options. `createTogetherMock` also returns the
 * live state (for tests and failure injection at run time).
 */
import type { MockRoute } from "../llm/mock/route";
import { endpointRoutes } from "./mock/endpoints";
import { fileRoutes } from "./mock/files";
import { fineTuneRoutes } from "./mock/finetunes";
import type { TogetherMockOptions, TogetherMockState } from "./mock/state";
import { mockOptionsFromEnv } from "./mock/env-options";

export type { TogetherMockOptions, TogetherMockState } from "./mock/state";
export { mockOptionsFromEnv, MOCK_ENV } from "./mock/env-options";
export { registerFineTuneEffect, type FineTuneEffect, type FineTuneInfo } from "./mock/effects";

export interface TogetherMock {
  routes: MockRoute[];
  state: TogetherMockState;
  /** Change options at run time (e.g. make jobs fail from now on). */
  configure(options: Partial<TogetherMockOptions>): void;
}

/** A fresh Together mock with its own state. */
export function createTogetherMock(options: TogetherMockOptions = {}): TogetherMock {
  const state: TogetherMockState = {
    options: { ...options },
    files: new Map(),
    jobs: new Map(),
    endpoints: new Map(),
    fineTunedModels: new Set(),
    counter: 0,
  };
  const routes = [...endpointRoutes(state), ...fileRoutes(state), ...fineTuneRoutes(state)];
  return {
    routes,
    state,
    configure(o) {
      Object.assign(state.options, o);
    },
  };
}

/**
 * The Together routes with fresh state. Without options, they are read from
 * the environment variable EVALBOOK_MOCK_TOGETHER (JSON; see
 * ./mock/env-options.ts), so `evalbook serve-mock` can inject failures.
 */
export function togetherRoutes(options?: TogetherMockOptions): MockRoute[] {
  return createTogetherMock(options ?? mockOptionsFromEnv()).routes;
}

/**
 * Route plugins that `evalbook serve-mock` (and `startMockServer` when asked
 * for `defaultRoutes()`) installs. Each plugin area adds its routes here,
 * e.g. `...togetherRoutes()` from lib/together/mock-routes.ts. A fresh list
 * (with fresh plugin state) is made on every call.
 */
import type { MockRoute } from "./route";
import { togetherRoutes } from "../../together/mock-routes";
import { batchRoutes } from "../../studies/sciriff/mock-batch-routes";

export function defaultRoutes(): MockRoute[] {
  return [...batchRoutes(), ...togetherRoutes()];
}

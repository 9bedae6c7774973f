import type { Numbers } from "./types";
import { cdfDistance } from "./cdf-distance";

/**
 * First Wasserstein (earth mover's) distance between two 1-D empirical
 * distributions, ∫ |U − V|, as scipy.stats.wasserstein_distance (unweighted).
 */
export function wasserstein(u: Numbers, v: Numbers): number {
  return cdfDistance(1, u, v);
}

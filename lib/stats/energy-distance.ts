import type { Numbers } from "./types";
import { cdfDistance } from "./cdf-distance";

/**
 * Energy distance between two 1-D empirical distributions,
 * sqrt(2) · (∫ (U − V)²)^(1/2), as scipy.stats.energy_distance (unweighted).
 */
export function energyDistance(u: Numbers, v: Numbers): number {
  return Math.SQRT2 * cdfDistance(2, u, v);
}

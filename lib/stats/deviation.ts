import type { Numbers } from "./types";
import { variance } from "./variance";

/** Standard deviation, sqrt(variance(x, ddof)); ddof = 0 is numpy's `np.std` default. */
export function deviation(x: Numbers, ddof = 0): number {
  return Math.sqrt(variance(x, ddof));
}

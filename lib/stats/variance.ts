import type { Numbers } from "./types";
import { centralMoment } from "./moment";

/**
 * Variance with `ddof` delta degrees of freedom: Σ(x - mean)² / (n - ddof).
 * The default ddof = 0 is numpy's `np.var` (population variance). NaN when n - ddof <= 0.
 */
export function variance(x: Numbers, ddof = 0): number {
  const n = x.length;
  if (n - ddof <= 0) return NaN;
  return (centralMoment(x, 2) * n) / (n - ddof);
}

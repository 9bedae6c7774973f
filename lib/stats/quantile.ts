import type { Numbers } from "./types";
import { sortedCopy } from "./sorted";

/**
 * The p-quantile with linear interpolation between order statistics
 * (numpy's default `method="linear"`, Hyndman–Fan type 7):
 * h = (n − 1)·p, q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 * NaN for empty input or when any value is NaN (numpy propagates NaN).
 */
export function quantile(x: Numbers, p: number): number {
  return quantileSorted(sortedCopy(x), p);
}

/** As `quantile` for data already sorted ascending. */
export function quantileSorted(s: Numbers, p: number): number {
  const n = s.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return NaN;
  if (s[n - 1] !== s[n - 1]) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = s[lo];
  const b = s[hi];
  const g = h - lo;
  // numpy's _lerp: a + (b - a)·g, computed from the upper end when g >= 0.5
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

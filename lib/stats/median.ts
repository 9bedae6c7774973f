import type { Numbers } from "./types";
import { sortedCopy } from "./sorted";

/**
 * Median as numpy's `np.median`: the middle order statistic, or the mean
 * (a + b) / 2 of the two middle ones for even n. NaN if empty or any NaN.
 */
export function median(x: Numbers): number {
  const n = x.length;
  if (n === 0) return NaN;
  const s = sortedCopy(x);
  if (s[n - 1] !== s[n - 1]) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

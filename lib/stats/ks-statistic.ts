import type { Numbers } from "./types";
import { sortedCopy } from "./sorted";

/**
 * Two-sample Kolmogorov–Smirnov statistic sup |F_u(t) − F_v(t)|, the
 * statistic of scipy.stats.ks_2samp (and of kstest with an array as the
 * second argument), two-sided. NaN when a sample is empty or has NaN.
 */
export function ksStatistic(u: Numbers, v: Numbers): number {
  const a = sortedCopy(u);
  const b = sortedCopy(v);
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || a[n - 1] !== a[n - 1] || b[m - 1] !== b[m - 1]) return NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n || j < m) {
    // next distinct value in the merged sample; step both CDFs past it
    const t = j >= m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n && a[i] <= t) i++;
    while (j < m && b[j] <= t) j++;
    const diff = Math.abs(i / n - j / m);
    if (diff > d) d = diff;
  }
  return d;
}

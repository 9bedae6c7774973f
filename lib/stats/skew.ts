import type { Numbers } from "./types";
import { mean } from "./mean";
import { centralMoment } from "./moment";

/**
 * Sample skewness as scipy.stats.skew: the biased Fisher–Pearson coefficient
 * m3 / m2^1.5 by default; with `bias: false` the adjusted G1 = sqrt(n(n-1))/(n-2) · g1
 * (n > 2). NaN when the data are constant (m2 <= (eps·mean)², scipy's test),
 * empty, or contain NaN.
 */
export function skew(x: Numbers, options: { bias?: boolean } = {}): number {
  const n = x.length;
  if (n === 0) return NaN;
  const m = mean(x);
  const m2 = centralMoment(x, 2, m);
  const m3 = centralMoment(x, 3, m);
  if (m2 <= (Number.EPSILON * m) ** 2) return NaN;
  const g1 = m3 / m2 ** 1.5;
  if (options.bias === false && n > 2) return (Math.sqrt((n - 1) * n) / (n - 2)) * g1;
  return g1;
}

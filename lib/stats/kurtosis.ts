import type { Numbers } from "./types";
import { mean } from "./mean";
import { centralMoment } from "./moment";

/**
 * Kurtosis as scipy.stats.kurtosis: Fisher's definition (normal → 0) and the
 * biased estimator m4 / m2² − 3 by default; `fisher: false` gives Pearson's
 * (normal → 3); `bias: false` the adjusted estimator (n > 3). NaN for constant
 * data (m2 <= (eps·mean)²), empty input or NaN values.
 */
export function kurtosis(x: Numbers, options: { fisher?: boolean; bias?: boolean } = {}): number {
  const n = x.length;
  if (n === 0) return NaN;
  const m = mean(x);
  const m2 = centralMoment(x, 2, m);
  const m4 = centralMoment(x, 4, m);
  if (m2 <= (Number.EPSILON * m) ** 2) return NaN;
  let k = m4 / m2 ** 2;
  if (options.bias === false && n > 3) {
    k = (1 / (n - 2) / (n - 3)) * ((n * n - 1) * k - 3 * (n - 1) ** 2) + 3;
  }
  return options.fisher === false ? k : k - 3;
}

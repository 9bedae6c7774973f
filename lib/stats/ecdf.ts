import type { Numbers } from "./types";
import { sortedCopy } from "./sorted";

/** An empirical distribution function evaluated at its distinct observations. */
export interface Ecdf {
  /** Distinct observed values, ascending. */
  quantiles: Float64Array;
  /** P(X <= q) at each quantile. */
  cdf: Float64Array;
  /** Survival function P(X > q) = 1 − cdf at each quantile. */
  sf: Float64Array;
  /** Number of observations. */
  n: number;
}

/**
 * Empirical CDF and survival function of an uncensored sample, as
 * scipy.stats.ecdf (`.cdf.quantiles`/`.cdf.probabilities`,
 * `.sf.probabilities`). Throws a RangeError for NaN values (scipy raises
 * "`sample` must not contain nan") and for an empty sample.
 */
export function ecdf(sample: Numbers): Ecdf {
  const n = sample.length;
  if (n === 0) throw new RangeError("ecdf: the sample is empty");
  const s = sortedCopy(sample);
  if (s[n - 1] !== s[n - 1]) throw new RangeError("ecdf: the sample must not contain NaN");
  const q: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (q.length > 0 && s[i] === q[q.length - 1]) counts[counts.length - 1]++;
    else {
      q.push(s[i]);
      counts.push(1);
    }
  }
  const m = q.length;
  const cdf = new Float64Array(m);
  const sf = new Float64Array(m);
  let cum = 0;
  for (let k = 0; k < m; k++) {
    cum += counts[k];
    cdf[k] = cum / n;
    sf[k] = 1 - cdf[k]; // scipy's definition (not (n − cum) / n: they can differ in the last bit)
  }
  return { quantiles: Float64Array.from(q), cdf, sf, n };
}

import type { Numbers } from "./types";
import { ecdf } from "./ecdf";
import { auc } from "./trapezoid";
import { wasserstein } from "./wasserstein";
import { energyDistance } from "./energy-distance";
import { ksStatistic } from "./ks-statistic";
import { mean } from "./mean";
import { median } from "./median";
import { variance } from "./variance";
import { skew } from "./skew";
import { kurtosis } from "./kurtosis";

/**
 * Summary of a distribution of per-sample correlations, with the statistics
 * and names of the original study (Schaeffer et al. 2024,
 * `statistics_*` keys of its correlation runs). NaN correlations (constant
 * scores) are excluded from every statistic but counted in numNaN/fracNaN.
 */
export interface CorrelationSummary {
  /** Number of correlations, including NaN. */
  n: number;
  /** Number of NaN correlations. */
  numNaN: number;
  /** numNaN / n. */
  fracNaN: number;
  /** Area under the ECDF survival function on [−1, 1] (trapezoid rule; 2 = all +1, 0 = all −1). */
  auc: number;
  /** max(auc, 2 − auc). */
  aucMax: number;
  /** −W1(correlations, all +1). */
  negWasserstein1: number;
  /** −W1(correlations, all −1). */
  negWasserstein2: number;
  /** −min of the two Wasserstein distances. */
  negWassersteinMin: number;
  /** −energy distance to all +1. */
  negEnergy1: number;
  /** −energy distance to all −1. */
  negEnergy2: number;
  /** −min of the two energy distances. */
  negEnergyMin: number;
  /** Two-sample KS statistic against all +1. */
  ks1: number;
  /** Two-sample KS statistic against all −1. */
  ks2: number;
  /** min(ks1, ks2). */
  ksMin: number;
  mean: number;
  median: number;
  /** Population standard deviation (np.std). */
  std: number;
  /** Population variance (np.var). */
  var: number;
  /** Biased skewness (scipy.stats.skew). */
  skew: number;
  /** Biased Fisher kurtosis (scipy.stats.kurtosis). */
  kurtosis: number;
}

/**
 * Survival-function AUC of correlations. Default `method: "trapezoid"` is the
 * original's: the ECDF's survival values at the distinct correlations,
 * padded with (−1, 1) in front and (1, 0) at the end, integrated with the
 * trapezoid rule (sklearn.metrics.auc). The original pads with
 * ±1.0000000000000000001, which is exactly ±1 in double precision.
 *
 * Note the trapezoid joins the survival function's step values with slopes,
 * so it is not the area under the step function: all correlations +1 give
 * 1 (not the 2 the original's comment expects), a point mass at 0 gives 0.5.
 * `method: "step"` integrates the step function exactly (= 1 + mean, in [0, 2]).
 * Values outside [−1, 1] are a RangeError (sklearn would reject the
 * non-monotonic x).
 */
export function survivalAuc(finiteCorrelations: Numbers, options: { method?: "trapezoid" | "step" } = {}): number {
  const e = ecdf(finiteCorrelations);
  const m = e.quantiles.length;
  if (e.quantiles[0] < -1 || e.quantiles[m - 1] > 1) {
    throw new RangeError("survivalAuc: correlations must lie in [-1, 1]");
  }
  if (options.method === "step") {
    // ∫_{-1}^{1} S(t) dt with S = 1 on [-1, q0), sf[k] on [q_k, q_{k+1}), 0 after the last
    let a = e.quantiles[0] + 1;
    for (let k = 0; k + 1 < m; k++) a += e.sf[k] * (e.quantiles[k + 1] - e.quantiles[k]);
    return a;
  }
  const x = new Float64Array(m + 2);
  const y = new Float64Array(m + 2);
  x[0] = -1;
  y[0] = 1;
  x.set(e.quantiles, 1);
  y.set(e.sf, 1);
  x[m + 1] = 1;
  y[m + 1] = 0;
  return auc(x, y);
}

/**
 * Summarise a distribution of correlations exactly as the original study
 * does. With no finite correlation at all, every statistic but n, numNaN and
 * fracNaN is NaN (the original crashes in scipy.stats.ecdf there).
 */
export function summarizeCorrelations(correlations: Numbers): CorrelationSummary {
  const n = correlations.length;
  let numNaN = 0;
  const finite: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = correlations[i];
    if (c !== c) numNaN++;
    if (Number.isFinite(c)) finite.push(c);
  }
  const fracNaN = n === 0 ? NaN : numNaN / n;
  if (finite.length === 0) {
    const nan = NaN;
    return {
      n, numNaN, fracNaN, auc: nan, aucMax: nan, negWasserstein1: nan, negWasserstein2: nan, negWassersteinMin: nan,
      negEnergy1: nan, negEnergy2: nan, negEnergyMin: nan, ks1: nan, ks2: nan, ksMin: nan,
      mean: nan, median: nan, std: nan, var: nan, skew: nan, kurtosis: nan,
    };
  }
  const a = survivalAuc(finite);
  // the ideal distributions have the length of all correlations (NaN included), as the original
  const ones = new Float64Array(n).fill(1);
  const minusOnes = new Float64Array(n).fill(-1);
  const w1 = wasserstein(finite, ones);
  const w2 = wasserstein(finite, minusOnes);
  const e1 = energyDistance(finite, ones);
  const e2 = energyDistance(finite, minusOnes);
  const ks1 = ksStatistic(finite, ones);
  const ks2 = ksStatistic(finite, minusOnes);
  const v = variance(finite);
  return {
    n,
    numNaN,
    fracNaN,
    auc: a,
    aucMax: Math.max(a, 2 - a),
    negWasserstein1: -w1,
    negWasserstein2: -w2,
    negWassersteinMin: -Math.min(w1, w2),
    negEnergy1: -e1,
    negEnergy2: -e2,
    negEnergyMin: -Math.min(e1, e2),
    ks1,
    ks2,
    ksMin: Math.min(ks1, ks2),
    mean: mean(finite),
    median: median(finite),
    std: Math.sqrt(v),
    var: v,
    skew: skew(finite),
    kurtosis: kurtosis(finite),
  };
}

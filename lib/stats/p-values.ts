import { betaInc } from "./beta-inc";
import { gammaIncUpper } from "./gamma-inc";
import { assertSameLength, hasNaN, type Numbers } from "./types";
import { pearson } from "./pearson";
import { spearman } from "./spearman";
import { kendallCounts, tauB } from "./kendall";
import type { CorrelationMethod } from "./correlation";

/** A correlation with its two-sided p-value (scipy's SignificanceResult). */
export interface CorrelationTest {
  statistic: number;
  pvalue: number;
}

/** Upper tail of the standard normal, 1 − Φ(z), with full relative precision (via Q(1/2, z²/2)). */
export function normalSf(z: number): number {
  if (z !== z) return NaN;
  const q = 0.5 * gammaIncUpper(0.5, (z * z) / 2);
  return z >= 0 ? q : 1 - q;
}

/** Upper tail P(T > t) of Student's t with `dof` degrees of freedom. */
export function studentTSf(t: number, dof: number): number {
  if (t !== t || !(dof > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const tail = 0.5 * betaInc(dof / 2, 0.5, dof / (dof + t * t));
  return t >= 0 ? tail : 1 - tail;
}

/**
 * Two-sided p-value of Pearson's r for n pairs, as scipy.stats.pearsonr:
 * r ~ Beta(n/2 − 1, n/2 − 1) on [−1, 1] under independence,
 * p = 2 · P(R > |r|); exactly 1 for n = 2; NaN for NaN r.
 */
export function pearsonPValue(r: number, n: number): number {
  if (r !== r) return NaN;
  if (n === 2) return 1;
  const ab = n / 2 - 1;
  // P(R > |r|) = I_{(1-|r|)/2}(ab, ab) by symmetry
  const p = 2 * betaInc(ab, ab, (1 - Math.abs(r)) / 2);
  return Math.min(1, Math.max(0, p));
}

/**
 * Two-sided p-value of Spearman's rs, as scipy.stats.spearmanr: t = rs ·
 * sqrt(dof / ((rs + 1)(1 − rs))) with dof = n − 2, Student's t; NaN when
 * dof <= 0 (n = 2, as scipy), 0 for |rs| = 1.
 */
export function spearmanPValue(rs: number, n: number): number {
  if (rs !== rs) return NaN;
  const dof = n - 2;
  if (!(dof > 0)) return NaN;
  const q = dof / ((rs + 1) * (1 - rs));
  const t = rs * Math.sqrt(q > 0 ? q : 0);
  const tt = Number.isFinite(q) ? t : rs > 0 ? Infinity : -Infinity;
  return Math.min(1, 2 * studentTSf(Math.abs(tt), dof));
}

/** scipy's mstats_basic._kendall_p_exact, two-sided: n items, c = min(concordant, discordant). */
export function kendallExactPValue(n: number, concordant: number): number {
  const tot = (n * (n - 1)) / 2;
  const c = Math.min(concordant, tot - concordant);
  let prob: number;
  if (n === 1 || n === 2) prob = 1;
  else if (c === 0) prob = n < 171 ? 2 / factorial(n) : 0;
  else if (c === 1) prob = n < 172 ? 2 / factorial(n - 1) : 0;
  else if (4 * c === n * (n - 1)) prob = 1;
  else {
    let cur = new Float64Array(c + 1);
    cur[0] = 1;
    cur[1] = 1;
    const big = n >= 171;
    for (let j = 3; j <= n; j++) {
      const cs = new Float64Array(c + 1);
      let acc = 0;
      for (let k = 0; k <= c; k++) {
        acc += cur[k];
        cs[k] = big ? acc / j : acc;
      }
      if (j <= c) {
        const before = cs.slice();
        for (let k = j; k <= c; k++) cs[k] -= before[k - j];
      }
      cur = cs;
    }
    let s = 0;
    for (let k = 0; k <= c; k++) s += cur[k];
    prob = big ? s : (2 * s) / factorial(n);
  }
  return Math.min(1, Math.max(0, prob));
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Tie statistics of one sample as scipy's count_rank_tie: Σ t(t−1)/2, Σ t(t−1)(t−2), Σ t(t−1)(2t+5). */
function tieStats(x: Numbers): [number, number, number] {
  const s = Float64Array.from(x as ArrayLike<number>).sort();
  let a = 0;
  let b = 0;
  let c = 0;
  let run = 1;
  for (let i = 1; i <= s.length; i++) {
    if (i < s.length && s[i] === s[i - 1]) run++;
    else {
      if (run > 1) {
        a += (run * (run - 1)) / 2;
        b += run * (run - 1) * (run - 2);
        c += run * (run - 1) * (2 * run + 5);
      }
      run = 1;
    }
  }
  return [a, b, c];
}

/** Pearson's r with its p-value (scipy.stats.pearsonr). */
export function pearsonTest(x: Numbers, y: Numbers): CorrelationTest {
  const r = pearson(x, y);
  return { statistic: r, pvalue: pearsonPValue(r, x.length) };
}

/** Spearman's rs with its p-value (scipy.stats.spearmanr). */
export function spearmanTest(x: Numbers, y: Numbers): CorrelationTest {
  const r = spearman(x, y);
  return { statistic: r, pvalue: spearmanPValue(r, x.length) };
}

/**
 * Kendall's tau-b with its p-value as scipy.stats.kendalltau (method "auto"):
 * exact null distribution when there are no ties and n <= 33 (or
 * min(discordant, concordant) <= 1), otherwise the normal approximation
 * with scipy's tie-corrected variance.
 */
export function kendallTest(x: Numbers, y: Numbers): CorrelationTest {
  assertSameLength(x, y, "kendall");
  const n = x.length;
  if (n <= 1 || hasNaN(x) || hasNaN(y)) return { statistic: NaN, pvalue: NaN };
  const c = kendallCounts(x, y);
  const tau = tauB(c);
  if (tau !== tau) return { statistic: NaN, pvalue: NaN };
  const dis = c.discordant;
  if (c.xTies === 0 && c.yTies === 0 && (n <= 33 || Math.min(dis, c.total - dis) <= 1)) {
    return { statistic: tau, pvalue: kendallExactPValue(n, c.total - dis) };
  }
  const [, x0, x1] = tieStats(x);
  const [, y0, y1] = tieStats(y);
  const m = n * (n - 1);
  const v = (m * (2 * n + 5) - x1 - y1) / 18 + (2 * c.xTies * c.yTies) / m + (x0 * y0) / (9 * m * (n - 2));
  const conMinusDis = c.total - c.xTies - c.yTies + c.jointTies - 2 * dis;
  const z = conMinusDis / Math.sqrt(v);
  return { statistic: tau, pvalue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}

/** Correlation and p-value by method name. */
export function correlationTest(method: CorrelationMethod, x: Numbers, y: Numbers): CorrelationTest {
  if (method === "pearson") return pearsonTest(x, y);
  if (method === "spearman") return spearmanTest(x, y);
  if (method === "kendall") return kendallTest(x, y);
  throw new RangeError("unknown correlation method '" + String(method) + "'");
}

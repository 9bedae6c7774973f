import { assertSameLength, hasNaN, isConstant, type Numbers } from "./types";
import { rank } from "./rank";

/**
 * Spearman's rank correlation, as scipy.stats.spearmanr's statistic: the
 * Pearson correlation of average ranks (ties share the mean rank), computed
 * like numpy's corrcoef (covariance over n − 1, divided by both standard
 * deviations, clipped to [−1, 1]).
 *
 * Edge cases, as scipy: NaN for n <= 1, for a constant sample and when any
 * value is NaN (nan_policy "propagate"). Lengths must match (RangeError).
 */
export function spearman(x: Numbers, y: Numbers): number {
  assertSameLength(x, y, "spearman");
  const n = x.length;
  if (n <= 1 || isConstant(x) || isConstant(y) || hasNaN(x) || hasNaN(y)) return NaN;
  return corrcoefOfRanks(rank(x), rank(y));
}

/** numpy.corrcoef of two rank vectors (no NaN, not constant). @internal */
export function corrcoefOfRanks(rx: Numbers, ry: Numbers): number {
  const n = rx.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += rx[i];
    sy += ry[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let cxx = 0;
  let cyy = 0;
  let cxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i] - mx;
    const dy = ry[i] - my;
    cxx += dx * dx;
    cyy += dy * dy;
    cxy += dx * dy;
  }
  const f = 1 / (n - 1);
  const r = (cxy * f) / Math.sqrt(cxx * f) / Math.sqrt(cyy * f);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

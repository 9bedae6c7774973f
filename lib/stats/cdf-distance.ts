import type { Numbers } from "./types";
import { sortedCopy } from "./sorted";

/** Number of elements of sorted `s` that are <= v (numpy searchsorted side="right"). */
function countAtMost(s: Float64Array, v: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The L^p distance between the empirical CDFs of u and v,
 * (∫ |U(t) − V(t)|^p dt)^(1/p), evaluated exactly on the merged sorted
 * values (scipy.stats._cdf_distance). NaN when either sample is empty or has NaN.
 */
export function cdfDistance(p: number, u: Numbers, v: Numbers): number {
  if (u.length === 0 || v.length === 0) return NaN;
  const us = sortedCopy(u);
  const vs = sortedCopy(v);
  if (us[us.length - 1] !== us[us.length - 1] || vs[vs.length - 1] !== vs[vs.length - 1]) return NaN;
  const all = new Float64Array(us.length + vs.length);
  all.set(us);
  all.set(vs, us.length);
  all.sort();
  let acc = 0;
  for (let i = 0; i + 1 < all.length; i++) {
    const delta = all[i + 1] - all[i];
    if (delta === 0) continue;
    const d = Math.abs(countAtMost(us, all[i]) / us.length - countAtMost(vs, all[i]) / vs.length);
    acc += (p === 1 ? d : p === 2 ? d * d : Math.pow(d, p)) * delta;
  }
  return p === 1 ? acc : p === 2 ? Math.sqrt(acc) : Math.pow(acc, 1 / p);
}

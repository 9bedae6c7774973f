import type { Numbers } from "./types";

/**
 * Sum with Neumaier's compensated summation (error independent of n for
 * well-conditioned sums). NaN propagates; an empty input sums to 0.
 */
export function sum(x: Numbers): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const t = s + v;
    if (Math.abs(s) >= Math.abs(v)) c += s - t + v;
    else c += v - t + s;
    s = t;
  }
  // with infinities the compensation term is NaN: the plain sum is the answer
  return Number.isFinite(s) ? s + c : s;
}

import type { Numbers } from "./types";
import { mean as meanOf } from "./mean";

/**
 * k-th central moment, (1/n) Σ (x - mean)^k, as scipy.stats.moment (the
 * biased, population form). `center` defaults to the mean. NaN for empty input.
 */
export function centralMoment(x: Numbers, k: number, center: number = meanOf(x)): number {
  const n = x.length;
  if (n === 0) return NaN;
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - center;
    let p = 1;
    for (let j = 0; j < k; j++) p *= d;
    const t = s + p;
    if (Math.abs(s) >= Math.abs(p)) c += s - t + p;
    else c += p - t + s;
    s = t;
  }
  return (s + c) / n;
}

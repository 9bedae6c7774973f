import type { Numbers } from "./types";

/**
 * Ranks 1..n with ties given the average of the ranks they span
 * (scipy.stats.rankdata's default `method="average"`). If any value is NaN
 * every rank is NaN (rankdata's `nan_policy="propagate"`).
 */
export function rank(x: Numbers): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const idx = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (x[i] !== x[i]) return out.fill(NaN);
    idx[i] = i;
  }
  idx.sort((a, b) => (x[a] < x[b] ? -1 : x[a] > x[b] ? 1 : a - b));
  let i = 0;
  while (i < n) {
    let j = i + 1;
    const v = x[idx[i]];
    while (j < n && x[idx[j]] === v) j++;
    // positions i..j-1 (0-based) share ranks i+1..j: average (i + 1 + j) / 2
    const r = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) out[idx[k]] = r;
    i = j;
  }
  return out;
}

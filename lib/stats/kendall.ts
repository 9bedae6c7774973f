import { assertSameLength, hasNaN, type Numbers } from "./types";

/** Pair counts behind Kendall's tau (all counts are of unordered pairs). */
export interface KendallCounts {
  /** n (n − 1) / 2. */
  total: number;
  /** Pairs tied in x (including pairs tied in both). */
  xTies: number;
  /** Pairs tied in y (including pairs tied in both). */
  yTies: number;
  /** Pairs tied in both x and y. */
  jointTies: number;
  /** Discordant pairs (untied in both, opposite order). */
  discordant: number;
}

/** Below this n the O(n²) pair count is faster than sorting. */
const SMALL_N = 48;

/**
 * Kendall's tau-b, as scipy.stats.kendalltau's statistic (default variant "b"):
 * (concordant − discordant) / sqrt((n0 − x ties)(n0 − y ties)) with
 * n0 = n(n − 1)/2, clipped to [−1, 1]. O(n²) pair counting for small n,
 * Knight's O(n log n) merge-sort algorithm otherwise (same integer counts,
 * so the same result).
 *
 * Edge cases, as scipy: NaN when either sample is constant (all pairs tied),
 * for n <= 1 and when any value is NaN. Lengths must match (RangeError).
 */
export function kendall(x: Numbers, y: Numbers): number {
  assertSameLength(x, y, "kendall");
  if (x.length <= 1 || hasNaN(x) || hasNaN(y)) return NaN;
  return tauB(kendallCounts(x, y));
}

/** tau-b from pair counts (scipy's formula and order of operations). */
export function tauB(c: KendallCounts): number {
  if (c.xTies === c.total || c.yTies === c.total) return NaN;
  const conMinusDis = c.total - c.xTies - c.yTies + c.jointTies - 2 * c.discordant;
  const tau = conMinusDis / Math.sqrt(c.total - c.xTies) / Math.sqrt(c.total - c.yTies);
  return Math.min(1, Math.max(-1, tau));
}

/** Count tied and discordant pairs (inputs must have no NaN). */
export function kendallCounts(x: Numbers, y: Numbers): KendallCounts {
  return x.length < SMALL_N ? countsQuadratic(x, y) : countsMergeSort(x, y);
}

function countsQuadratic(x: Numbers, y: Numbers): KendallCounts {
  const n = x.length;
  let xTies = 0;
  let yTies = 0;
  let jointTies = 0;
  let discordant = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    for (let j = i + 1; j < n; j++) {
      const xj = x[j];
      const yj = y[j];
      if (xi === xj) {
        xTies++;
        if (yi === yj) {
          yTies++;
          jointTies++;
        }
      } else if (yi === yj) yTies++;
      else if (xi < xj !== yi < yj) discordant++;
    }
  }
  return { total: (n * (n - 1)) / 2, xTies, yTies, jointTies, discordant };
}

function tiedPairsInSorted(values: ArrayLike<number>, order: ArrayLike<number>): number {
  let ties = 0;
  let run = 1;
  for (let k = 1; k < order.length; k++) {
    if (values[order[k]] === values[order[k - 1]]) run++;
    else {
      ties += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  return ties + (run * (run - 1)) / 2;
}

function countsMergeSort(x: Numbers, y: Numbers): KendallCounts {
  const n = x.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // lexicographic by (x, y)
  order.sort((a, b) => (x[a] < x[b] ? -1 : x[a] > x[b] ? 1 : y[a] < y[b] ? -1 : y[a] > y[b] ? 1 : 0));
  const xTies = tiedPairsInSorted(x, order);
  let jointTies = 0;
  let run = 1;
  for (let k = 1; k < n; k++) {
    const a = order[k - 1];
    const b = order[k];
    if (x[a] === x[b] && y[a] === y[b]) run++;
    else {
      jointTies += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  jointTies += (run * (run - 1)) / 2;
  // discordant pairs = strict inversions of y in (x, y) order, counted by merge sort
  const ys = new Float64Array(n);
  for (let k = 0; k < n; k++) ys[k] = y[order[k]];
  const discordant = countInversions(ys, new Float64Array(n));
  // ys is now sorted: count ties in y
  let yTies = 0;
  run = 1;
  for (let k = 1; k < n; k++) {
    if (ys[k] === ys[k - 1]) run++;
    else {
      yTies += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  yTies += (run * (run - 1)) / 2;
  return { total: (n * (n - 1)) / 2, xTies, yTies, jointTies, discordant };
}

/** Bottom-up merge sort of `a` (in place) returning the number of pairs i < j with a[i] > a[j]. */
function countInversions(a: Float64Array, buf: Float64Array): number {
  const n = a.length;
  let inv = 0;
  let src = a;
  let dst = buf;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (src[j] < src[i]) {
          inv += mid - i;
          dst[k++] = src[j++];
        } else dst[k++] = src[i++];
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== a) a.set(src);
  return inv;
}

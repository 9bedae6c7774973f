/** Precision, recall and F1 as SciRIFF's `util.compute_f1` (0 when a denominator is 0). */
export interface PRF {
  p: number;
  r: number;
  f1: number;
}

/** SciRIFF's `util.compute_f1(correct, preds, refs)`. */
export function computeF1(correct: number, preds: number, refs: number): PRF {
  const p = preds > 0 ? correct / preds : 0;
  const r = refs > 0 ? correct / refs : 0;
  const f1 = p + r !== 0 ? (2 * p * r) / (p + r) : 0;
  return { p, r, f1 };
}

/** Division returning 0 for a zero denominator (`util.safe_div`). */
export function safeDiv(x: number, y: number): number {
  return y !== 0 ? x / y : 0;
}

/** numpy's `np.mean`: NaN for an empty list. */
export function npMean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

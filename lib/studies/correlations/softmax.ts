/**
 * Softmax as the original study's `softmax`: e = exp(x − max x), then
 * e / (epsilon + Σ e). The epsilon in the denominator (1e-8 by default; the
 * Brier score uses 1e-9) means the probabilities sum to slightly less than 1.
 */
export function softmax(logits: ArrayLike<number>, epsilon = 1e-8): Float64Array {
  const n = logits.length;
  const out = new Float64Array(n);
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i] > max) max = logits[i];
  let s = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.exp(logits[i] - max);
    s += out[i];
  }
  const d = epsilon + s;
  for (let i = 0; i < n; i++) out[i] /= d;
  return out;
}

import { assertSameLength, isConstant, type Numbers } from "./types";

/**
 * Pearson's product-moment correlation, as scipy.stats.pearsonr's statistic
 * (scipy 1.17): deviations from the means are scaled by their largest
 * magnitude before taking norms (no overflow or underflow), r is clipped to
 * [−1, 1], and for n = 2 rounded to exactly ±1.
 *
 * Edge cases, as scipy: NaN when either sample is constant or contains NaN.
 * Differences: scipy raises for n < 2; this returns NaN. Lengths must match (RangeError).
 */
export function pearson(x: Numbers, y: Numbers): number {
  assertSameLength(x, y, "pearson");
  const n = x.length;
  if (n < 2 || isConstant(x) || isConstant(y)) return NaN;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i];
    sy += y[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let ax = 0;
  let ay = 0;
  for (let i = 0; i < n; i++) {
    const dx = Math.abs(x[i] - mx);
    const dy = Math.abs(y[i] - my);
    if (dx > ax) ax = dx;
    if (dy > ay) ay = dy;
  }
  if (!(ax > 0 && ay > 0)) return NaN; // NaN input (or a mean so large the deviations vanish)
  let qx = 0;
  let qy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] - mx) / ax;
    const dy = (y[i] - my) / ay;
    qx += dx * dx;
    qy += dy * dy;
  }
  const nx = ax * Math.sqrt(qx);
  const ny = ay * Math.sqrt(qy);
  let r = 0;
  for (let i = 0; i < n; i++) r += ((x[i] - mx) / nx) * ((y[i] - my) / ny);
  if (r !== r) return NaN;
  r = r > 1 ? 1 : r < -1 ? -1 : r;
  return n === 2 ? Math.round(r) : r;
}

import { assertSameLength, type Numbers } from "./types";

/**
 * Area under the piecewise-linear curve through (x[i], y[i]) by the
 * trapezoid rule, Σ (x[i+1] − x[i]) (y[i] + y[i+1]) / 2 (numpy.trapezoid).
 * Fewer than two points give 0.
 */
export function trapezoid(y: Numbers, x: Numbers): number {
  assertSameLength(x, y, "trapezoid");
  let s = 0;
  for (let i = 1; i < x.length; i++) s += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return s;
}

/**
 * Area under a curve as sklearn.metrics.auc: x must be monotonic
 * (non-decreasing, or non-increasing, then the area is negated back to
 * positive); otherwise a RangeError.
 */
export function auc(x: Numbers, y: Numbers): number {
  assertSameLength(x, y, "auc");
  if (x.length < 2) throw new RangeError("auc: at least 2 points are needed (got " + x.length + ")");
  let up = true;
  let down = true;
  for (let i = 1; i < x.length; i++) {
    const d = x[i] - x[i - 1];
    if (d < 0) up = false;
    if (d > 0) down = false;
  }
  if (!up && !down) throw new RangeError("auc: x is neither increasing nor decreasing");
  const a = trapezoid(y, x);
  return up ? a : -a;
}

/**
 * Standard normal distribution helpers (used by the BCa bootstrap).
 * Own implementations: Marsaglia's Taylor series for the CDF (absolute error
 * ~1e-15) with an asymptotic tail beyond |x| > 8, and Acklam's rational
 * approximation of the quantile refined by one Halley step.
 */

const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal density. */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Standard normal CDF Φ(x) (scipy.special.ndtr). */
export function normalCdf(x: number): number {
  if (x !== x) return NaN;
  if (x < -8) return tail(-x);
  if (x > 8) return 1 - tail(x);
  // Marsaglia (2004): Φ(x) = 1/2 + φ(x) (x + x³/3 + x⁵/(3·5) + …)
  let term = x;
  let s = x;
  const x2 = x * x;
  for (let k = 3; k < 400; k += 2) {
    term *= x2 / k;
    const next = s + term;
    if (next === s) break;
    s = next;
  }
  const p = 0.5 + s * normalPdf(x);
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** Upper tail 1 − Φ(x) for large x by the continued fraction (Lentz). */
function tail(x: number): number {
  // Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …))))
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / f;
  return normalPdf(x) / f;
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Standard normal quantile Φ⁻¹(p) (scipy.special.ndtri); ±Infinity at 0 and 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - lo) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  // one Halley step on Φ(x) − p
  const e = normalCdf(x) - p;
  const u = e / normalPdf(x);
  return x - u / (1 + (x * u) / 2);
}

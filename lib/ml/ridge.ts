import { choleskySolve, columnMeans, dot, mean, row, sparseDot, sparseRows, type Matrix } from "./matrix";
import type { Regressor, RegressorSpec } from "./regressor";

/** A fitted linear model y = x . weights + intercept. */
export interface LinearModel extends Regressor {
  weights: Float64Array;
  intercept: number;
}

/** Build a linear model from weights and intercept. */
export function linearModel(name: string, weights: Float64Array, intercept: number): LinearModel {
  return {
    name,
    weights,
    intercept,
    predict(x: Matrix): Float64Array {
      if (x.cols !== weights.length) throw new RangeError("expected " + weights.length + " features, got " + x.cols);
      const out = new Float64Array(x.rows);
      for (let i = 0; i < x.rows; i++) out[i] = dot(row(x, i), weights) + intercept;
      return out;
    },
  };
}

/**
 * Ridge regression with an unpenalised intercept (scikit-learn's `Ridge`):
 * minimise ||y - Xw - b||^2 + alpha ||w||^2, solved on centred data by
 * Cholesky, in the primal (p <= n) or dual (p > n: w = Xc^T (Xc Xc^T + alpha I)^-1 yc) form.
 */
export function fitRidge(x: Matrix, y: ArrayLike<number>, alpha: number): LinearModel {
  if (x.rows !== y.length) throw new RangeError("X has " + x.rows + " rows but y has " + y.length + " values");
  if (x.rows === 0) throw new RangeError("no training rows");
  if (!(alpha > 0)) throw new RangeError("ridge alpha must be > 0, got " + alpha);
  const n = x.rows;
  const p = x.cols;
  const mu = columnMeans(x);
  const ym = mean(y);
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) yc[i] = y[i] - ym;
  const w = new Float64Array(p);
  if (p <= n) {
    const xc = new Float64Array(n * p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) xc[i * p + j] = x.data[i * p + j] - mu[j];
    const a = new Float64Array(p * p);
    const b = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const off = i * p;
      for (let j = 0; j < p; j++) {
        const v = xc[off + j];
        if (v === 0) continue;
        b[j] += v * yc[i];
        for (let k = 0; k <= j; k++) a[j * p + k] += v * xc[off + k];
      }
    }
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < j; k++) a[k * p + j] = a[j * p + k];
      a[j * p + j] += alpha;
    }
    w.set(choleskySolve(a, p, b));
  } else {
    // Dual form on the centred Gram matrix, computed from the sparse rows:
    // (x_i - mu).(x_k - mu) = x_i.x_k - x_i.mu - x_k.mu + mu.mu.
    const sp = sparseRows(x);
    const dense = new Float64Array(p);
    const rmu = new Float64Array(n);
    for (let i = 0; i < n; i++) rmu[i] = sparseDot(mu, sp, i);
    const mm = dot(mu, mu);
    const g = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const ix = sp.idx[i];
      const vx = sp.val[i];
      for (let q = 0; q < ix.length; q++) dense[ix[q]] = vx[q];
      for (let k = 0; k <= i; k++) {
        const v = sparseDot(dense, sp, k) - rmu[i] - rmu[k] + mm;
        g[i * n + k] = v;
        g[k * n + i] = v;
      }
      for (let q = 0; q < ix.length; q++) dense[ix[q]] = 0;
      g[i * n + i] += alpha;
    }
    const c = choleskySolve(g, n, yc);
    let csum = 0;
    for (let i = 0; i < n; i++) {
      const ci = c[i];
      csum += ci;
      const ix = sp.idx[i];
      const vx = sp.val[i];
      for (let q = 0; q < ix.length; q++) w[ix[q]] += ci * vx[q];
    }
    for (let j = 0; j < p; j++) w[j] -= csum * mu[j];
  }
  let b0 = ym;
  for (let j = 0; j < p; j++) b0 -= mu[j] * w[j];
  return linearModel("ridge(alpha=" + alpha + ")", w, b0);
}

/** Spec for model selection. */
export function ridge(alpha: number): RegressorSpec {
  return { name: "ridge(alpha=" + alpha + ")", fit: (x, y) => fitRidge(x, y, alpha) };
}

import { dot, row, sparseDot, sparseRows, type Matrix } from "./matrix";
import type { Regressor, RegressorSpec } from "./regressor";

/** Options of the k-nearest-neighbours regressor. */
export interface KnnOptions {
  k: number;
  /** "cosine" (default; for TF-IDF and embeddings) or "euclidean". */
  metric?: "cosine" | "euclidean";
  /** "uniform" (default) mean of the k targets, or "distance" (inverse-distance weights). */
  weights?: "uniform" | "distance";
}

/**
 * k-nearest-neighbours regression (scikit-learn's KNeighborsRegressor).
 * Ties in distance are broken by training order (stable), as a stable sort
 * over the training rows would.
 */
export function fitKnn(x: Matrix, y: ArrayLike<number>, options: KnnOptions): Regressor {
  const k = options.k;
  if (x.rows !== y.length) throw new RangeError("X has " + x.rows + " rows but y has " + y.length + " values");
  if (!Number.isInteger(k) || k < 1) throw new RangeError("k must be a positive integer, got " + k);
  const metric = options.metric ?? "cosine";
  const weights = options.weights ?? "uniform";
  const train = { x: { rows: x.rows, cols: x.cols, data: Float64Array.from(x.data) }, y: Float64Array.from(y) };
  const norms = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) norms[i] = Math.sqrt(dot(row(train.x, i), row(train.x, i)));
  const sp = sparseRows(train.x);
  const name = "knn(k=" + k + "," + metric + (weights === "distance" ? ",distance" : "") + ")";
  return {
    name,
    predict(q: Matrix): Float64Array {
      if (q.cols !== x.cols) throw new RangeError("expected " + x.cols + " features, got " + q.cols);
      const out = new Float64Array(q.rows);
      const kk = Math.min(k, train.x.rows);
      const d = new Float64Array(train.x.rows);
      const order = Array.from({ length: train.x.rows }, (_, i) => i);
      for (let i = 0; i < q.rows; i++) {
        const r = row(q, i);
        const nr = Math.sqrt(dot(r, r));
        for (let t = 0; t < train.x.rows; t++) {
          // Sparse-aware: ||r - t||^2 = ||r||^2 + ||t||^2 - 2 r.t; cosine from r.t.
          const rt = sparseDot(r, sp, t);
          if (metric === "cosine") {
            const den = nr * norms[t];
            d[t] = den > 0 ? 1 - rt / den : 1;
          } else {
            d[t] = Math.sqrt(Math.max(0, nr * nr + norms[t] * norms[t] - 2 * rt));
          }
        }
        order.sort((a, b) => d[a] - d[b] || a - b);
        let num = 0;
        let den = 0;
        const exact = weights === "distance" ? order.slice(0, kk).filter((t) => d[t] === 0) : [];
        for (let m = 0; m < kk; m++) {
          const t = order[m];
          const w = weights === "uniform" ? 1 : exact.length ? (d[t] === 0 ? 1 : 0) : 1 / d[t];
          num += w * train.y[t];
          den += w;
        }
        out[i] = num / den;
      }
      return out;
    },
  };
}

export function knn(options: KnnOptions): RegressorSpec {
  const probe = "knn(k=" + options.k + "," + (options.metric ?? "cosine") + (options.weights === "distance" ? ",distance" : "") + ")";
  return { name: probe, fit: (x, y) => fitKnn(x, y, options) };
}

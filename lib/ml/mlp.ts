import { NumpyRandomState } from "../random/numpy-random";
import { mean, type Matrix } from "./matrix";
import type { Regressor, RegressorSpec } from "./regressor";

/** Options of the small MLP regressor. */
export interface MlpOptions {
  /** Hidden units (one ReLU layer; default 32). */
  hidden?: number;
  /** L2 penalty on the weights (default 1e-4, scikit-learn's alpha). */
  alpha?: number;
  /** Adam learning rate (default 1e-3). */
  learningRate?: number;
  /** Full-batch epochs (default 300). */
  epochs?: number;
  /** Seed of the weight initialisation (numpy legacy stream; default 0). */
  seed?: number;
}

/** A fitted MLP: y = W2 relu(W1 x + b1) + b2, in the original target units. */
export interface MlpModel extends Regressor {
  inputs: number;
  hidden: number;
  /** inputs x hidden, row-major. */
  w1: Float64Array;
  b1: Float64Array;
  /** hidden (one output). */
  w2: Float64Array;
  b2: number;
}

/** Predict with explicit weights. */
export function mlpPredict(m: Pick<MlpModel, "inputs" | "hidden" | "w1" | "b1" | "w2" | "b2">, x: Matrix): Float64Array {
  if (x.cols !== m.inputs) throw new RangeError("expected " + m.inputs + " features, got " + x.cols);
  const out = new Float64Array(x.rows);
  const h = new Float64Array(m.hidden);
  for (let i = 0; i < x.rows; i++) {
    h.set(m.b1);
    const off = i * x.cols;
    for (let j = 0; j < x.cols; j++) {
      const v = x.data[off + j];
      if (v === 0) continue;
      const wo = j * m.hidden;
      for (let k = 0; k < m.hidden; k++) h[k] += v * m.w1[wo + k];
    }
    let s = m.b2;
    for (let k = 0; k < m.hidden; k++) if (h[k] > 0) s += h[k] * m.w2[k];
    out[i] = s;
  }
  return out;
}

/**
 * Train a one-hidden-layer ReLU MLP with full-batch Adam on the mean squared
 * error plus alpha/2 ||W||^2 / n (scikit-learn's MLPRegressor objective).
 * Targets are standardised for training and the output layer is rescaled
 * afterwards, so the returned weights predict in the original units.
 * Initialisation: Glorot-uniform (bound sqrt(6 / (fan_in + fan_out))) for
 * weights and biases from a numpy legacy stream seeded with `seed`, so equal
 * seeds give equal models. Sparse rows (TF-IDF) are exploited.
 */
export function fitMlp(x: Matrix, y: ArrayLike<number>, options: MlpOptions = {}): MlpModel {
  const H = options.hidden ?? 32;
  const alpha = options.alpha ?? 1e-4;
  const lr = options.learningRate ?? 1e-3;
  const epochs = options.epochs ?? 300;
  const seed = options.seed ?? 0;
  const n = x.rows;
  const p = x.cols;
  if (n !== y.length) throw new RangeError("X has " + n + " rows but y has " + y.length + " values");
  if (n === 0) throw new RangeError("no training rows");
  const ym = mean(y);
  let ys = 0;
  for (let i = 0; i < n; i++) ys += (y[i] - ym) ** 2;
  ys = Math.sqrt(ys / n) || 1;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = (y[i] - ym) / ys;
  // Sparse rows.
  const idx: Int32Array[] = [];
  const val: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const js: number[] = [];
    const vs: number[] = [];
    for (let j = 0; j < p; j++) {
      const v = x.data[i * p + j];
      if (v !== 0) {
        js.push(j);
        vs.push(v);
      }
    }
    idx.push(Int32Array.from(js));
    val.push(Float64Array.from(vs));
  }
  const rs = new NumpyRandomState(seed);
  const bound1 = Math.sqrt(6 / (p + H));
  const bound2 = Math.sqrt(6 / (H + 1));
  const w1 = new Float64Array(p * H);
  for (let q = 0; q < w1.length; q++) w1[q] = rs.uniform(-bound1, bound1);
  const b1 = new Float64Array(H);
  for (let k = 0; k < H; k++) b1[k] = rs.uniform(-bound1, bound1);
  const w2 = new Float64Array(H);
  for (let k = 0; k < H; k++) w2[k] = rs.uniform(-bound2, bound2);
  let b2 = rs.uniform(-bound2, bound2);
  // Adam state.
  const params = [w1, b1, w2];
  const m1 = params.map((a) => new Float64Array(a.length));
  const v1 = params.map((a) => new Float64Array(a.length));
  let mb2 = 0;
  let vb2 = 0;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const g1 = new Float64Array(p * H);
  const gb1 = new Float64Array(H);
  const gw2 = new Float64Array(H);
  const hid = new Float64Array(n * H);
  const dh = new Float64Array(H);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    g1.fill(0);
    gb1.fill(0);
    gw2.fill(0);
    let gb2 = 0;
    for (let i = 0; i < n; i++) {
      const h = hid.subarray(i * H, (i + 1) * H);
      for (let k = 0; k < H; k++) h[k] = b1[k];
      const js = idx[i];
      const vs = val[i];
      for (let q = 0; q < js.length; q++) {
        const wo = js[q] * H;
        const v = vs[q];
        for (let k = 0; k < H; k++) h[k] += v * w1[wo + k];
      }
      let out = b2;
      for (let k = 0; k < H; k++) if (h[k] > 0) out += h[k] * w2[k];
      const d = (out - t[i]) / n; // d(0.5 * mean squared error)/d out
      gb2 += d;
      for (let k = 0; k < H; k++) {
        if (h[k] <= 0) {
          dh[k] = 0;
          continue;
        }
        gw2[k] += d * h[k];
        dh[k] = d * w2[k];
        gb1[k] += dh[k];
      }
      for (let q = 0; q < js.length; q++) {
        const base = js[q] * H;
        const v = vs[q];
        for (let k = 0; k < H; k++) g1[base + k] += dh[k] * v;
      }
    }
    for (let q = 0; q < w1.length; q++) g1[q] += (alpha / n) * w1[q];
    for (let k = 0; k < H; k++) gw2[k] += (alpha / n) * w2[k];
    const c1 = 1 - Math.pow(beta1, epoch);
    const c2 = 1 - Math.pow(beta2, epoch);
    adamStep(w1, g1, m1[0], v1[0], lr, c1, c2);
    adamStep(b1, gb1, m1[1], v1[1], lr, c1, c2);
    adamStep(w2, gw2, m1[2], v1[2], lr, c1, c2);
    mb2 = beta1 * mb2 + (1 - beta1) * gb2;
    vb2 = beta2 * vb2 + (1 - beta2) * gb2 * gb2;
    b2 -= (lr * (mb2 / c1)) / (Math.sqrt(vb2 / c2) + eps);
  }
  // Fold the target scaling into the output layer.
  for (let k = 0; k < H; k++) w2[k] *= ys;
  b2 = b2 * ys + ym;
  const name = "mlp(hidden=" + H + ",alpha=" + alpha + ",epochs=" + epochs + ",seed=" + seed + ")";
  const model: MlpModel = { name, inputs: p, hidden: H, w1, b1, w2, b2, predict: (q: Matrix) => mlpPredict(model, q) };
  return model;
}

function adamStep(w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, lr: number, c1: number, c2: number): void {
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let q = 0; q < w.length; q++) {
    const gq = g[q];
    const mq = beta1 * m[q] + (1 - beta1) * gq;
    const vq = beta2 * v[q] + (1 - beta2) * gq * gq;
    m[q] = mq;
    v[q] = vq;
    w[q] -= (lr * (mq / c1)) / (Math.sqrt(vq / c2) + 1e-8);
  }
}

export function mlp(options: MlpOptions = {}): RegressorSpec {
  const probe = "mlp(hidden=" + (options.hidden ?? 32) + ",alpha=" + (options.alpha ?? 1e-4) + ",epochs=" + (options.epochs ?? 300) + ",seed=" + (options.seed ?? 0) + ")";
  return { name: probe, fit: (x, y) => fitMlp(x, y, options) };
}

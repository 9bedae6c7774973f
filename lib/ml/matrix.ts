/** A dense row-major matrix of float64. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** A zero matrix. */
export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Matrix from an array of equal-length rows (an error if they differ). */
export function fromRows(rows: readonly (readonly number[] | Float64Array)[]): Matrix {
  const cols = rows.length ? rows[0].length : 0;
  const m = zeros(rows.length, cols);
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new RangeError("row " + i + " has " + r.length + " values, expected " + cols);
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (!Number.isFinite(v)) throw new RangeError("row " + i + " column " + j + " is not a finite number");
      m.data[i * cols + j] = v;
    }
  });
  return m;
}

/** Row i as a view (no copy). */
export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** The rows with the given indices, copied. */
export function takeRows(m: Matrix, idx: readonly number[]): Matrix {
  const out = zeros(idx.length, m.cols);
  idx.forEach((i, k) => {
    if (i < 0 || i >= m.rows) throw new RangeError("row index " + i + " out of range");
    out.data.set(row(m, i), k * m.cols);
  });
  return out;
}

/** Dot product with compensated (Neumaier) summation. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] * b[i];
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** Column means. */
export function columnMeans(m: Matrix): Float64Array {
  const mu = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) mu[j] += m.data[i * m.cols + j];
  if (m.rows) for (let j = 0; j < m.cols; j++) mu[j] /= m.rows;
  return mu;
}

/**
 * Solve A x = b for a symmetric positive-definite A (n x n, row-major) by
 * Cholesky; A is not modified. Throws when A is not positive definite.
 */
export function choleskySolve(a: Float64Array, n: number, b: Float64Array): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 0)) throw new RangeError("matrix is not positive definite (pivot " + i + ")");
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/** Mean of an array (compensated). */
export function mean(v: ArrayLike<number>): number {
  if (v.length === 0) throw new RangeError("mean of an empty array");
  const ones = new Float64Array(v.length).fill(1);
  return dot(v, ones) / v.length;
}

/** Non-zero entries of each row (column indices and values), for sparse-aware loops. */
export interface SparseRows {
  idx: Int32Array[];
  val: Float64Array[];
}

/** The non-zero pattern of a matrix's rows. */
export function sparseRows(m: Matrix): SparseRows {
  const idx: Int32Array[] = [];
  const val: Float64Array[] = [];
  for (let i = 0; i < m.rows; i++) {
    let nz = 0;
    const off = i * m.cols;
    for (let j = 0; j < m.cols; j++) if (m.data[off + j] !== 0) nz++;
    const ix = new Int32Array(nz);
    const vx = new Float64Array(nz);
    let q = 0;
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[off + j];
      if (v !== 0) {
        ix[q] = j;
        vx[q++] = v;
      }
    }
    idx.push(ix);
    val.push(vx);
  }
  return { idx, val };
}

/** Dot product of a dense vector with sparse row `i`. */
export function sparseDot(dense: ArrayLike<number>, s: SparseRows, i: number): number {
  const ix = s.idx[i];
  const vx = s.val[i];
  let sum = 0;
  for (let q = 0; q < ix.length; q++) sum += dense[ix[q]] * vx[q];
  return sum;
}

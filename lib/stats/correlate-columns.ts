import { hasNaN, isConstant, type Numbers } from "./types";
import type { CorrelationMethod } from "./correlation";
import { pearson } from "./pearson";
import { rank } from "./rank";
import { corrcoefOfRanks } from "./spearman";
import { kendall } from "./kendall";

/**
 * Correlate one vector x (length nRows) with every column of a row-major
 * matrix (nRows × nCols), e.g. log-compute of the models against each
 * sample's scores. Same results as calling `correlation(method, x, column)`
 * per column, with the work on x done once (Spearman ranks x only once) and
 * one reused column buffer.
 */
export function correlateColumns(method: CorrelationMethod, x: Numbers, matrix: ArrayLike<number>, nRows: number, nCols: number): Float64Array {
  if (x.length !== nRows) throw new RangeError("correlateColumns: x has " + x.length + " values for " + nRows + " rows");
  if (matrix.length !== nRows * nCols) throw new RangeError("correlateColumns: matrix has " + matrix.length + " values, expected " + nRows * nCols);
  const out = new Float64Array(nCols);
  const col = new Float64Array(nRows);
  const xBad = nRows <= 1 || isConstant(x) || hasNaN(x);
  const rx = method === "spearman" && !xBad ? rank(x) : undefined;
  for (let j = 0; j < nCols; j++) {
    for (let i = 0; i < nRows; i++) col[i] = matrix[i * nCols + j];
    if (method === "pearson") out[j] = pearson(x, col);
    else if (method === "kendall") out[j] = kendall(x, col);
    else if (method === "spearman") out[j] = xBad || isConstant(col) || hasNaN(col) ? NaN : corrcoefOfRanks(rx!, rank(col));
    else throw new RangeError("unknown correlation method '" + String(method) + "'");
  }
  return out;
}

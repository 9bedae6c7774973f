import { mean, type Matrix } from "./matrix";
import type { Regressor, RegressorSpec } from "./regressor";

/** The baseline of the study: always predict the mean of the training targets. */
export function fitMeanBaseline(y: ArrayLike<number>): Regressor {
  const m = mean(y);
  return { name: "mean", predict: (x: Matrix) => new Float64Array(x.rows).fill(m) };
}

export const meanBaseline: RegressorSpec = { name: "mean", fit: (_x, y) => fitMeanBaseline(y) };

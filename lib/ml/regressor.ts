import type { Matrix } from "./matrix";

/** A fitted regression model: features -> one score per row. */
export interface Regressor {
  /** Short name with hyper-parameters, e.g. "ridge(alpha=1)". */
  readonly name: string;
  predict(x: Matrix): Float64Array;
}

/** Something that can be fitted. */
export interface RegressorSpec {
  name: string;
  fit(x: Matrix, y: ArrayLike<number>): Regressor;
}

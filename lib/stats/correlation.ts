import type { Numbers } from "./types";
import { pearson } from "./pearson";
import { spearman } from "./spearman";
import { kendall } from "./kendall";

/** The correlation coefficients of the study (scipy's pearsonr, spearmanr, kendalltau). */
export type CorrelationMethod = "pearson" | "spearman" | "kendall";

export const CORRELATION_METHODS: readonly CorrelationMethod[] = ["pearson", "spearman", "kendall"];

/** The correlation function for a method name. */
export function correlationFunction(method: CorrelationMethod): (x: Numbers, y: Numbers) => number {
  switch (method) {
    case "pearson":
      return pearson;
    case "spearman":
      return spearman;
    case "kendall":
      return kendall;
    default:
      throw new RangeError("unknown correlation method '" + String(method) + "' (expected pearson, spearman or kendall)");
  }
}

/** Correlation of x and y by `method`. */
export function correlation(method: CorrelationMethod, x: Numbers, y: Numbers): number {
  return correlationFunction(method)(x, y);
}

/** True for a valid method name. */
export function isCorrelationMethod(s: string): s is CorrelationMethod {
  return s === "pearson" || s === "spearman" || s === "kendall";
}

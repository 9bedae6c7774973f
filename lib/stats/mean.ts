import type { Numbers } from "./types";
import { sum } from "./sum";

/** Arithmetic mean (compensated sum); NaN for an empty input or when any value is NaN. */
export function mean(x: Numbers): number {
  return x.length === 0 ? NaN : sum(x) / x.length;
}

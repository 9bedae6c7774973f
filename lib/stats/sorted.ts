import type { Numbers } from "./types";

/** Ascending copy as a Float64Array (NaN sorts last, as numpy). */
export function sortedCopy(x: Numbers): Float64Array {
  const a = Float64Array.from(x as ArrayLike<number>);
  a.sort();
  return a;
}

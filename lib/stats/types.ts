/** A read-only numeric sequence: a plain array or a typed array. */
export type Numbers = ArrayLike<number>;

/** Throw when two paired samples differ in length. */
export function assertSameLength(x: Numbers, y: Numbers, what: string): void {
  if (x.length !== y.length) {
    throw new RangeError(what + ": x and y must have the same length (got " + x.length + " and " + y.length + ")");
  }
}

/** True when every element equals the first (NaN never equals itself, so a sample with NaN is not constant). */
export function isConstant(x: Numbers): boolean {
  const n = x.length;
  if (n === 0) return true;
  const first = x[0];
  for (let i = 1; i < n; i++) if (x[i] !== first) return false;
  // a single NaN (or all-NaN) sample: scipy compares x == x[0], which is False for NaN
  return first === first;
}

/** True when any element is NaN. */
export function hasNaN(x: Numbers): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== x[i]) return true;
  return false;
}

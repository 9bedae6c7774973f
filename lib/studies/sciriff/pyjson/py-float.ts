/**
 * A number that Python's `json.loads` would have returned as a `float`
 * (the literal had a fraction or an exponent, or was NaN/Infinity).
 * JavaScript cannot tell `1.0` from `1`, but SciRIFF's entry normalisation
 * (`str(round(x, 2))` for floats, `str(x)` for ints) can, so the parser keeps
 * the distinction. `valueOf`/`toJSON` make it behave like its number.
 */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toJSON(): number | null {
    return Number.isFinite(this.value) ? this.value : null;
  }
  toString(): string {
    return pyFloatRepr(this.value);
  }
}

/**
 * Python's `round(x, 2)` for a float: correctly rounded on the exact binary
 * value, ties (which only occur when 8x is an odd integer) to even.
 */
export function pyRound2(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x;
  const eight = x * 8;
  if (Number.isInteger(eight) && Math.abs(eight) % 2 === 1 && Math.abs(x) < 2 ** 45) {
    const h = x * 100; // exact: a multiple of 0.5 well inside the safe range
    const lo = Math.floor(h);
    const n = lo % 2 === 0 ? lo : lo + 1;
    return n / 100;
  }
  const r = Number(x.toFixed(2));
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

/** Python's `repr(float)` (shortest round-trip digits, Python's layout). */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mant, expText] = Math.abs(x).toExponential().split("e");
  const exp = Number(expText);
  const digits = mant.replace(".", "");
  if (exp < -4 || exp >= 16) {
    const m = digits.length === 1 ? digits : digits[0] + "." + digits.slice(1);
    const e = Math.abs(exp);
    return sign + m + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" + e : String(e));
  }
  const decpt = exp + 1; // digits before the decimal point
  let out: string;
  if (decpt <= 0) out = "0." + "0".repeat(-decpt) + digits;
  else if (decpt >= digits.length) out = digits + "0".repeat(decpt - digits.length) + ".0";
  else out = digits.slice(0, decpt) + "." + digits.slice(decpt);
  return sign + out;
}

/** Python's `str(int)` for an integer-valued JavaScript number. */
export function pyIntStr(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(Math.trunc(n)).toString();
}

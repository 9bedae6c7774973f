/**
 * Python's `repr(float)` / `"{}".format(float)`: the shortest round-trip
 * digits (as JavaScript's Number#toString) but always with a decimal point
 * or exponent ("95.0", not "95"), scientific notation when the exponent is
 * < -4 or >= 16, and exponents written with at least two digits ("1e-05").
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // the shortest digits: toExponential() without argument gives exactly them
  const e = x.toExponential(); // e.g. "9.5e+1"
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e);
  if (!m) return String(x);
  const [, sign, d0, rest = "", expStr] = m;
  const e10 = Number(expStr);
  const digits = d0 + rest;
  if (e10 < -4 || e10 >= 16) {
    const mant = rest ? d0 + "." + rest : d0;
    const ee = Math.abs(e10) < 10 ? "0" + Math.abs(e10) : String(Math.abs(e10));
    return sign + mant + "e" + (e10 < 0 ? "-" : "+") + ee;
  }
  if (e10 < 0) return sign + "0." + "0".repeat(-e10 - 1) + digits;
  if (digits.length <= e10 + 1) return sign + digits + "0".repeat(e10 + 1 - digits.length) + ".0";
  return sign + digits.slice(0, e10 + 1) + "." + digits.slice(e10 + 1);
}

import { createHash } from "node:crypto";

/**
 * A reproduction of CPython's `random.Random` (Mersenne Twister MT19937 plus
 * the pure-Python methods of Lib/random.py), so that code which seeded
 * Python's `random` can be replayed exactly in TypeScript.
 *
 * Covered: `seed()` with integers (any size: `number` or `bigint`, sign
 * ignored as CPython does), with strings (version 2: UTF-8 bytes followed by
 * their SHA-512 digest, read as a big-endian integer) and with bytes
 * (`Uint8Array`, same rule); `random()` (53 bits from two 32-bit draws),
 * `getrandbits(k)`, `randbelow(n)` (CPython's `_randbelow_with_getrandbits`:
 * rejection sampling on `n.bit_length()` bits), `randrange`, `randint`,
 * `choice`, `shuffle`, `sample` (including `counts`), `choices`, `uniform`,
 * and `getstate`/`setstate` of the generator words.
 *
 * Float seeds (hashed by CPython) and `seed()` without argument (OS entropy)
 * are deliberately not supported: they are not reproducible across runs.
 */

import { MT19937, MT_N as N } from "./mt19937";

/** What `seed()` accepts: an integer (number or bigint), a string, or bytes. */
export type PythonSeed = number | bigint | string | Uint8Array;

/** Generator state: the 624 MT words and the position in them. */
export interface PythonRandomState {
  mt: number[];
  index: number;
}

export class PythonRandom {
  private readonly engine = new MT19937();

  /** Create a generator seeded as `random.Random(seed)` would be. */
  constructor(seed: PythonSeed) {
    this.seed(seed);
  }

  /** `random.seed(a)` (version 2). */
  seed(a: PythonSeed): void {
    this.engine.initByArray(seedKey(a));
  }

  /** The next 32-bit output of MT19937 (CPython's `genrand_uint32`). */
  nextUint32(): number {
    return this.engine.nextUint32();
  }

  /** Uniform float in [0, 1) with 53 random bits, exactly as CPython. */
  random(): number {
    return this.engine.nextDouble53();
  }

  /** `getrandbits(k)` as a bigint (any k >= 0). */
  getrandbits(k: number): bigint {
    checkNonNegativeInt(k, "getrandbits", "k");
    if (k <= 32) return BigInt(this.bitsUpTo32(k));
    let result = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32) {
      let r = this.nextUint32();
      if (left < 32) r >>>= 32 - left;
      result |= BigInt(r) << shift;
      shift += 32n;
    }
    return result;
  }

  /** `getrandbits(k)` as a number, for k <= 53 (same draws as `getrandbits`). */
  getrandbitsNumber(k: number): number {
    checkNonNegativeInt(k, "getrandbitsNumber", "k");
    if (k > 53) throw new RangeError("getrandbitsNumber: k must be <= 53 (use getrandbits for more bits)");
    if (k <= 32) return this.bitsUpTo32(k);
    const lo = this.nextUint32();
    const hi = this.nextUint32() >>> (64 - k);
    return hi * 4294967296 + lo;
  }

  /** Integer in [0, n) by rejection on `bit_length(n)` bits (CPython's `_randbelow`). */
  randbelow(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError("randbelow: n must be a positive safe integer, got " + n);
    const k = bitLength(n);
    let r = this.getrandbitsNumber(k);
    while (r >= n) r = this.getrandbitsNumber(k);
    return r;
  }

  /** `randrange(stop)` or `randrange(start, stop[, step])`. */
  randrange(start: number, stop?: number, step = 1): number {
    checkInt(start, "randrange", "start");
    if (stop === undefined) {
      if (start > 0) return this.randbelow(start);
      throw new RangeError("empty range for randrange(" + start + ")");
    }
    checkInt(stop, "randrange", "stop");
    checkInt(step, "randrange", "step");
    const width = stop - start;
    if (step === 1) {
      if (width > 0) return start + this.randbelow(width);
      throw new RangeError("empty range for randrange(" + start + ", " + stop + ")");
    }
    let n: number;
    if (step > 0) n = Math.floor((width + step - 1) / step);
    else if (step < 0) n = Math.floor((width + step + 1) / step);
    else throw new RangeError("zero step for randrange()");
    if (n <= 0) throw new RangeError("empty range for randrange(" + start + ", " + stop + ", " + step + ")");
    return start + step * this.randbelow(n);
  }

  /** Integer in [a, b], both ends included. */
  randint(a: number, b: number): number {
    return this.randrange(a, b + 1);
  }

  /** `a + (b - a) * random()`. */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.random();
  }

  /** A random element of a non-empty sequence. */
  choice<T>(seq: ArrayLike<T>): T {
    if (seq.length === 0) throw new RangeError("Cannot choose from an empty sequence");
    return seq[this.randbelow(seq.length)];
  }

  /** Shuffle in place (Fisher–Yates from the end, as CPython); returns the array. */
  shuffle<T>(x: T[]): T[] {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
    return x;
  }

  /**
   * `sample(population, k, counts=None)`: k unique picks without replacement,
   * using CPython's pool/set strategy switch so the draws match exactly.
   */
  sample<T>(population: ArrayLike<T>, k: number, counts?: readonly number[]): T[] {
    const n = population.length;
    if (counts !== undefined) {
      if (counts.length !== n) throw new RangeError("The number of counts does not match the population");
      const cum: number[] = [];
      let total = 0;
      for (const c of counts) {
        checkInt(c, "sample", "counts");
        total += c;
        cum.push(total);
      }
      cum.pop();
      if (total <= 0) throw new RangeError("Total of counts must be greater than zero");
      const picks = this.sample(rangeArray(total), k);
      return picks.map((s) => population[bisectRight(cum, s)]);
    }
    checkInt(k, "sample", "k");
    if (k < 0 || k > n) throw new RangeError("Sample larger than population or is negative");
    const result: T[] = new Array(k);
    let setsize = 21;
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setsize) {
      const pool = Array.from(population);
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.randbelow(n);
        while (selected.has(j)) j = this.randbelow(n);
        selected.add(j);
        result[i] = population[j];
      }
    }
    return result;
  }

  /**
   * `choices(population, weights=None, *, cum_weights=None, k=1)`: k picks
   * with replacement. Without weights: `floor(random() * n)`; with weights:
   * bisection of `random() * total` in the cumulative weights.
   */
  choices<T>(population: ArrayLike<T>, k = 1, opts: { weights?: readonly number[]; cumWeights?: readonly number[] } = {}): T[] {
    const n = population.length;
    const out: T[] = [];
    if (opts.weights === undefined && opts.cumWeights === undefined) {
      if (n === 0) throw new RangeError("Cannot choose from an empty population");
      for (let i = 0; i < k; i++) out.push(population[Math.floor(this.random() * n)]);
      return out;
    }
    if (opts.weights !== undefined && opts.cumWeights !== undefined) throw new TypeError("Cannot specify both weights and cumulative weights");
    let cum: number[];
    if (opts.cumWeights !== undefined) cum = [...opts.cumWeights];
    else {
      cum = [];
      let s = 0;
      for (const w of opts.weights as readonly number[]) cum.push((s += w));
    }
    if (cum.length !== n) throw new RangeError("The number of weights does not match the population");
    const total = cum[n - 1] + 0.0;
    if (!(total > 0)) throw new RangeError("Total of weights must be greater than zero");
    if (!Number.isFinite(total)) throw new RangeError("Total of weights must be finite");
    const hi = n - 1;
    for (let i = 0; i < k; i++) out.push(population[bisectRight(cum, this.random() * total, 0, hi)]);
    return out;
  }

  /** A copy of the generator state. */
  getstate(): PythonRandomState {
    return { mt: Array.from(this.engine.mt), index: this.engine.index };
  }

  /** Restore a state from `getstate()`. */
  setstate(state: PythonRandomState): void {
    if (state.mt.length !== N || !(state.index >= 0 && state.index <= N)) throw new RangeError("invalid PythonRandom state");
    this.engine.mt.set(state.mt);
    this.engine.index = state.index;
  }

  private bitsUpTo32(k: number): number {
    if (k === 0) return 0;
    return this.nextUint32() >>> (32 - k);
  }
}

/** The init_by_array key CPython derives from a seed: 32-bit words of |n|, least significant first. */
export function seedKey(a: PythonSeed): number[] {
  let n: bigint;
  if (typeof a === "string") n = bytesSeedToInt(new TextEncoder().encode(a));
  else if (a instanceof Uint8Array) n = bytesSeedToInt(a);
  else if (typeof a === "bigint") n = a;
  else {
    if (!Number.isInteger(a)) throw new TypeError("PythonRandom.seed: only integer, string and bytes seeds are supported, got " + a);
    if (!Number.isSafeInteger(a)) throw new RangeError("PythonRandom.seed: " + a + " is not a safe integer; pass a bigint");
    n = BigInt(a);
  }
  if (n < 0n) n = -n;
  const key: number[] = [];
  while (n > 0n) {
    key.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  if (key.length === 0) key.push(0);
  return key;
}

/** Version-2 seeding of str/bytes: int.from_bytes(a + sha512(a).digest(), "big"). */
function bytesSeedToInt(bytes: Uint8Array): bigint {
  const digest = createHash("sha512").update(bytes).digest();
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return BigInt("0x" + hex);
}

/** Number of bits of a positive safe integer (Python's int.bit_length). */
export function bitLength(n: number): number {
  if (n < 4294967296) return 32 - Math.clz32(n);
  return 32 + bitLength(Math.floor(n / 4294967296));
}

function bisectRight(a: readonly number[], x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < a[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function rangeArray(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function checkInt(v: number, fn: string, name: string): void {
  if (!Number.isSafeInteger(v)) throw new TypeError(fn + ": " + name + " must be an integer, got " + v);
}

function checkNonNegativeInt(v: number, fn: string, name: string): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(fn + ": " + name + " must be a non-negative integer, got " + v);
}

/**
 * numpy's legacy `RandomState` (MT19937), reproducing its streams exactly:
 * `np.random.seed(s)` / `RandomState(s)` for an int seed is Matsumoto &
 * Nishimura's `init_genrand(s)` (numpy's `_legacy_seeding` calls
 * `mt19937_seed`; only array seeds go through `init_by_array`), then
 * `permutation`, `shuffle` (Fisher–Yates from the end with
 * `random_interval`: masked rejection sampling on 32-bit draws),
 * `randint`, `random_sample` (53-bit doubles) and `standard_normal`
 * (legacy polar Box–Muller with the cached second value).
 */

import { MT19937 } from "./mt19937";

/** Seed of {@link NumpyRandomState}: an int in [0, 2^32) or an array of such ints. */
export type NumpySeed = number | readonly number[];

export class NumpyRandomState {
  private readonly engine = new MT19937();
  private hasGauss = false;
  private gauss = 0;

  constructor(seed: NumpySeed = 0) {
    this.seed(seed);
  }

  /** Re-seed as `np.random.seed(seed)`. */
  seed(seed: NumpySeed): void {
    if (typeof seed === "number") {
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError("Seed must be between 0 and 2**32 - 1, got " + seed);
      this.engine.initGenrand(seed);
    } else {
      if (seed.length === 0) throw new RangeError("Seed must be non-empty");
      for (const s of seed) if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) throw new RangeError("Seed values must be between 0 and 2**32 - 1");
      this.engine.initByArray(seed);
    }
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** Next raw 32-bit output (numpy's `next_uint32`). */
  nextUint32(): number {
    return this.engine.nextUint32();
  }

  /** Uniform double in [0, 1) with 53 random bits (`random_sample`). */
  randomSample(): number {
    return this.engine.nextDouble53();
  }

  /** Uniform integer in [0, max] (numpy's `random_interval`, max < 2^32). */
  randomInterval(max: number): number {
    if (max === 0) return 0;
    if (!Number.isInteger(max) || max < 0 || max > 0xffffffff) throw new RangeError("randomInterval supports 0 <= max < 2^32, got " + max);
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let v: number;
    do v = (this.nextUint32() & mask) >>> 0;
    while (v > max);
    return v;
  }

  /** `randint(low, high)`: integer in [low, high) (range below 2^32). */
  randint(low: number, high?: number): number {
    if (high === undefined) {
      high = low;
      low = 0;
    }
    if (high <= low) throw new RangeError("low >= high");
    return low + this.randomInterval(high - low - 1);
  }

  /** In-place `shuffle` of an array (legacy algorithm); returns it. */
  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i >= 1; i--) {
      const j = this.randomInterval(i);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** `permutation(n)`: a shuffled `arange(n)`. */
  permutation(n: number): number[] {
    if (!Number.isInteger(n) || n < 0) throw new RangeError("permutation needs a non-negative integer, got " + n);
    const a = new Array<number>(n);
    for (let i = 0; i < n; i++) a[i] = i;
    return this.shuffle(a);
  }

  /** `standard_normal()` (legacy polar method; caches the second deviate). */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const t = this.gauss;
      this.gauss = 0;
      return t;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `normal(loc, scale)`. */
  normal(loc = 0, scale = 1): number {
    return loc + scale * this.standardNormal();
  }

  /** `uniform(low, high)`. */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.randomSample();
  }
}

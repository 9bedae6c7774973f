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

const N = 624;
const M = 397;

/** Seed of {@link NumpyRandomState}: an int in [0, 2^32) or an array of such ints. */
export type NumpySeed = number | readonly number[];

export class NumpyRandomState {
  private mt = new Uint32Array(N);
  private pos = N;
  private hasGauss = false;
  private gauss = 0;

  constructor(seed: NumpySeed = 0) {
    this.seed(seed);
  }

  /** Re-seed as `np.random.seed(seed)`. */
  seed(seed: NumpySeed): void {
    if (typeof seed === "number") {
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError("Seed must be between 0 and 2**32 - 1, got " + seed);
      this.initGenrand(seed);
    } else {
      if (seed.length === 0) throw new RangeError("Seed must be non-empty");
      for (const s of seed) if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) throw new RangeError("Seed values must be between 0 and 2**32 - 1");
      this.initByArray(seed);
    }
    this.hasGauss = false;
    this.gauss = 0;
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.pos = N;
  }

  private initByArray(key: readonly number[]): void {
    this.initGenrand(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.pos = N;
  }

  private twist(): void {
    const mt = this.mt;
    for (let k = 0; k < N; k++) {
      const y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
      mt[k] = (mt[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
    }
    this.pos = 0;
  }

  /** Next raw 32-bit output (numpy's `next_uint32`). */
  nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.mt[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits (`random_sample`). */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
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

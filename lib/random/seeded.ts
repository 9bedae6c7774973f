/**
 * A small, fast, seeded pseudo-random generator (mulberry32) for
 * simulations, synthetic data and tests. Not a reproduction of any other
 * library's stream: for CPython- or numpy-compatible streams use the
 * dedicated generators in this folder.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  random(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** In-place Fisher–Yates shuffle; returns the array. */
  shuffle<T>(a: T[]): T[];
  /** Random element. */
  pick<T>(a: readonly T[]): T;
}

/** Create a seeded generator; equal seeds give equal streams. */
export function seededRng(seed: number | string): Rng {
  let s = typeof seed === "string" ? hashString(seed) : seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | undefined;
  const rng: Rng = {
    random,
    int: (n) => Math.floor(random() * n),
    normal(mean = 0, sd = 1) {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return mean + sd * v;
      }
      let u = 0;
      while (u === 0) u = random();
      const v = random();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return mean + sd * r * Math.cos(2 * Math.PI * v);
    },
    shuffle(a) {
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
      return a;
    },
    pick: (a) => a[Math.floor(random() * a.length)],
  };
  return rng;
}

/** 32-bit FNV-1a hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

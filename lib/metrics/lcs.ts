/**
 * Length of the longest common subsequence of two sequences of tokens,
 * compared with `===`. Bit-parallel (Allison–Dix / Hyyrö): O(ceil(m/32) * n)
 * time and O(ceil(m/32) * distinct tokens) memory, with m the length of the
 * shorter sequence; no quadratic table is allocated.
 */
export function lcsLength<T>(a: readonly T[], b: readonly T[]): number {
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  const m = short.length;
  if (m === 0) return 0;
  const words = (m + 31) >>> 5;
  // Match masks: bit i of masks.get(t) is set when short[i] === t.
  const masks = new Map<T, Uint32Array>();
  for (let i = 0; i < m; i++) {
    let mask = masks.get(short[i]);
    if (!mask) {
      mask = new Uint32Array(words);
      masks.set(short[i], mask);
    }
    mask[i >>> 5] |= 1 << (i & 31);
  }
  // V starts as all ones over the m bits (bits above m stay irrelevant).
  const v = new Uint32Array(words).fill(0xffffffff);
  for (let j = 0; j < long.length; j++) {
    const mask = masks.get(long[j]);
    if (!mask) continue; // U = 0: V' = (V + 0) | (V - 0) = V
    let carry = 0;
    for (let w = 0; w < words; w++) {
      const vw = v[w];
      const u = vw & mask[w];
      const sum = vw + (u >>> 0) + carry; // exact in a double (< 2^34)
      carry = sum > 0xffffffff ? 1 : 0;
      // V - U equals V & ~U because U is a subset of V.
      v[w] = ((sum >>> 0) | (vw & ~u)) >>> 0;
    }
  }
  let zeros = 0;
  for (let i = 0; i < m; i++) if ((v[i >>> 5] & (1 << (i & 31))) === 0) zeros++;
  return zeros;
}

/**
 * Reference LCS with a full (m+1) x (n+1) table, as rouge_score computes it.
 * Quadratic memory: kept only for tests and the benchmark.
 */
export function lcsLengthNaive<T>(a: readonly T[], b: readonly T[]): number {
  const table: number[][] = [];
  for (let i = 0; i <= a.length; i++) table.push(new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i][j] = a[i - 1] === b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
    }
  }
  return table[a.length][b.length];
}

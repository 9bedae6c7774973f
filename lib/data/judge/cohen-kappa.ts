/**
 * Cohen's kappa of two label sequences, computed as scikit-learn's
 * `cohen_kappa_score` (unweighted) does: classes = the sorted union of both
 * sequences, kappa = 1 - sum(off-diagonal observed) / sum(off-diagonal
 * expected), expected = outer(column sums, row sums) / n. Returns NaN when
 * the expected disagreement is 0 (scikit-learn warns and returns nan).
 */
export function cohenKappa(y1: readonly (number | string)[], y2: readonly (number | string)[]): number {
  if (y1.length !== y2.length) throw new RangeError("cohenKappa: sequences differ in length (" + y1.length + " vs " + y2.length + ")");
  const n = y1.length;
  if (n === 0) return NaN;
  const classes = Array.from(new Set<number | string>([...y1, ...y2])).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const k = classes.length;
  const idx = new Map<number | string, number>(classes.map((c, i) => [c, i]));
  // confusion[i][j]: y1 = class i, y2 = class j (scikit-learn: rows = y_true = y1)
  const confusion: number[][] = classes.map(() => new Array<number>(k).fill(0));
  for (let t = 0; t < n; t++) confusion[idx.get(y1[t]) as number][idx.get(y2[t]) as number]++;
  const sum0 = new Array<number>(k).fill(0); // column sums
  const sum1 = new Array<number>(k).fill(0); // row sums
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      sum0[j] += confusion[i][j];
      sum1[i] += confusion[i][j];
    }
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      observed += confusion[i][j];
      expected += (sum0[i] * sum1[j]) / n;
    }
  if (expected === 0) return NaN;
  return 1 - observed / expected;
}

import { normalizeSquad, PY_WHITESPACE } from "../../../metrics/index";

/**
 * Tokens of SciRIFF's `token_f1_normalize_answer(s).split()` (SQuAD v1.1
 * normalisation: lowercase, ASCII punctuation removed, whole-word articles
 * removed, whitespace collapsed).
 */
export function squadTokens(s: string): string[] {
  const n = normalizeSquad(s);
  return n === "" ? [] : n.split(PY_WHITESPACE).filter((t) => t.length > 0);
}

/** Size of the multiset intersection of two token lists. */
export function commonCount(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const t of b) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of a) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      same++;
      counts.set(t, c - 1);
    }
  }
  return same;
}

/**
 * SciRIFF's `compute_token_f1(pred, ref)`: SQuAD v1.1 token F1, 0 when no
 * token is shared (so also 0 when both sides are empty, unlike SQuAD 2.0).
 */
export function sciriffTokenF1(pred: string, ref: string): number {
  const p = squadTokens(pred);
  const r = squadTokens(ref);
  const same = commonCount(p, r);
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / r.length;
  return (2 * precision * recall) / (precision + recall);
}

import { normalizeSquad, collapseWhitespace } from "./normalize";
import { maxOverReferences, type References } from "./references";

/** Options of {@link tokenF1}. */
export interface TokenF1Options {
  /**
   * Score of an empty prediction against an empty reference (after
   * normalisation). SQuAD 2.0's script gives 1 (`int(gold == pred)` when
   * either is empty), SQuAD 1.1's gives 0. Default "squad2".
   */
  empty?: "squad2" | "squad1";
}

function tokens(s: string): string[] {
  const c = collapseWhitespace(normalizeSquad(s));
  return c === "" ? [] : c.split(" ");
}

/**
 * SQuAD-style token F1 in [0, 1]: normalise (lowercase, ASCII punctuation
 * removed, articles a/an/the removed, whitespace collapsed), split, count the
 * multiset intersection; F1 = 2PR/(P+R). Unlike exact match (SuperNI
 * normaliser), articles ARE removed here, as in SQuAD. With several
 * references, the maximum over them.
 */
export function tokenF1(pred: string, ref: References, options: TokenF1Options = {}): number {
  const p = tokens(pred);
  const squad2 = (options.empty ?? "squad2") === "squad2";
  return maxOverReferences(ref, (r) => {
    const g = tokens(r);
    if (p.length === 0 || g.length === 0) return squad2 && p.length === g.length ? 1 : 0;
    const counts = new Map<string, number>();
    for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
    let same = 0;
    for (const t of p) {
      const c = counts.get(t) ?? 0;
      if (c > 0) {
        same++;
        counts.set(t, c - 1);
      }
    }
    if (same === 0) return 0;
    const precision = same / p.length;
    const recall = same / g.length;
    return (2 * precision * recall) / (precision + recall);
  });
}

import { normalizeAnswer } from "./normalize";
import { maxOverReferences, type References } from "./references";

/**
 * Exact match as SuperNI's `exact_match_score`: 1 when the normalised
 * prediction equals a normalised reference (lowercase, ASCII punctuation
 * removed, whitespace collapsed, articles kept), else 0. With several
 * references, the maximum over them.
 */
export function exactMatch(pred: string, ref: References): number {
  const p = normalizeAnswer(pred);
  return maxOverReferences(ref, (r) => (normalizeAnswer(r) === p ? 1 : 0));
}

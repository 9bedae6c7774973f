import { normalizeListEntry } from "./normalize-entry";
import { pyIter, PyTypeError } from "../pyjson/py-types";
import { computeF1, safeDiv, type PRF } from "./prf";

/** A prediction/reference pair of parsed JSON values. */
export interface Pair {
  pred: unknown;
  ref: unknown;
}

/** Result of {@link listF1}. */
export interface ListF1Result {
  f1: PRF;
  /** Lists that could (success) or could not (failure: replaced by [""]) be normalised. */
  parse_counts: { success: number; failure: number; frac_success: number };
  counts: { correct: number; preds: number; refs: number };
}

/**
 * SciRIFF's `ListF1`: exact-match micro F1 over sets of normalised entries.
 * A list that cannot be normalised (not iterable, or an entry of an
 * unexpected type) counts as the single entry "" (as the original).
 */
export function listF1(pairs: readonly Pair[]): ListF1Result {
  const parse = { success: 0, failure: 0, frac_success: 0 };
  const counts = { correct: 0, preds: 0, refs: 0 };
  const norm = (xs: unknown): string[] => {
    try {
      const r = pyIter(xs).map(normalizeListEntry);
      parse.success++;
      return r;
    } catch (e) {
      if (!(e instanceof PyTypeError)) throw e;
      parse.failure++;
      return [""];
    }
  };
  for (const { pred, ref } of pairs) {
    const p = new Set(norm(pred));
    const r = new Set(norm(ref));
    let c = 0;
    for (const x of p) if (r.has(x)) c++;
    counts.correct += c;
    counts.preds += p.size;
    counts.refs += r.size;
  }
  parse.frac_success = safeDiv(parse.success, parse.success + parse.failure);
  return { f1: computeF1(counts.correct, counts.preds, counts.refs), parse_counts: parse, counts };
}

import { normalizeListEntry } from "./normalize-entry";
import { flatten } from "./flatten";
import { isDict, PyTypeError } from "../pyjson/py-types";
import { computeF1, type PRF } from "./prf";
import type { Pair } from "./list-f1";

/** Result of {@link entityF1}. */
export interface EntityF1Result {
  typed: PRF;
  untyped: PRF;
  /**
   * Predictions the original would have crashed on, counted here instead:
   * `not_dict` (the prediction is not a dict: no entities), `bad_mentions`
   * (a type's value is not iterable, or a mention is a dict: skipped).
   */
  invalid: { not_dict: number; bad_mentions: number };
}

function toTuples(d: unknown, invalid: EntityF1Result["invalid"] | undefined): { typed: Set<string>; untyped: Set<string> } {
  const typed = new Set<string>();
  const untyped = new Set<string>();
  if (!isDict(d)) {
    if (invalid) invalid.not_dict++;
    else throw new Error("reference is not a dict");
    return { typed, untyped };
  }
  for (const type of Object.keys(d)) {
    let mentions: unknown[];
    try {
      mentions = flatten(d[type]);
    } catch (e) {
      if (!(e instanceof PyTypeError) || !invalid) throw e;
      invalid.bad_mentions++;
      continue;
    }
    for (const m of mentions) {
      let norm: string;
      try {
        norm = normalizeListEntry(m);
      } catch (e) {
        if (!(e instanceof PyTypeError) || !invalid) throw e;
        invalid.bad_mentions++;
        continue;
      }
      typed.add(JSON.stringify([norm, type]));
      untyped.add(norm);
    }
  }
  return { typed, untyped };
}

function inter(a: Set<string>, b: Set<string>): number {
  let c = 0;
  for (const x of a) if (b.has(x)) c++;
  return c;
}

/**
 * SciRIFF's `NERF1`: predictions and references are dicts from entity type
 * to mention lists; typed F1 matches (normalised mention, type) pairs,
 * untyped F1 matches mentions only; micro-averaged over instances. Mention
 * lists are flattened with Python semantics (a string value is iterated
 * character by character, as in the original).
 */
export function entityF1(pairs: readonly Pair[]): EntityF1Result {
  const invalid = { not_dict: 0, bad_mentions: 0 };
  const t = { correct: 0, preds: 0, refs: 0 };
  const u = { correct: 0, preds: 0, refs: 0 };
  for (const { pred, ref } of pairs) {
    const p = toTuples(pred, invalid);
    const r = toTuples(ref, undefined);
    t.correct += inter(p.typed, r.typed);
    t.preds += p.typed.size;
    t.refs += r.typed.size;
    u.correct += inter(p.untyped, r.untyped);
    u.preds += p.untyped.size;
    u.refs += r.untyped.size;
  }
  return { typed: computeF1(t.correct, t.preds, t.refs), untyped: computeF1(u.correct, u.preds, u.refs), invalid };
}

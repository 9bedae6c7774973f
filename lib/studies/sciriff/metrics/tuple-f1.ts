import { normalizeListEntry } from "./normalize-entry";
import { PyTypeError } from "../pyjson/py-types";
import { computeF1, safeDiv, type PRF } from "./prf";
import { sciriffTokenF1 } from "./token-f1";
import type { Pair } from "./list-f1";

/** Options of {@link tupleF1}. */
export interface TupleF1Options {
  /** Tuple length (5 for evidence inference). */
  tupleLength: number;
  /** Token-F1 threshold of the overlap match (0.3 in SciRIFF). */
  overlapThreshold: number;
}

/** Result of {@link tupleF1} (SciRIFF's `RelationF1.evaluate`). */
export interface TupleF1Result {
  exact: PRF;
  substring: PRF;
  overlap: PRF;
  parse_counts: { entry_not_list: number; good_list: number; bad_list: number; wrong_length: number; frac_success: number };
  counts: { preds: number; refs: number; exact_match: number; substring_match: number; overlap_match: number };
}

type Tuple = string[];

function normalizeTuple(xs: unknown[]): Tuple | undefined {
  try {
    return xs.map(normalizeListEntry);
  } catch (e) {
    if (e instanceof PyTypeError) return undefined;
    throw e;
  }
}

/**
 * Evidence-inference tuple F1, as SciRIFF's `RelationF1`: a prediction is a
 * list of tuples (or a single flat tuple); entries that are not lists, have
 * the wrong length, or hold unexpected types are dropped and counted.
 * Exact F1 matches sets of normalised tuples; substring F1 matches a
 * prediction to an unused reference when every field is a non-empty
 * sub- or superstring of the reference field; overlap F1 when every field
 * is non-empty with token F1 >= the threshold. Fuzzy matching is greedy
 * one-to-one in prediction order (first unused matching reference).
 * Micro-averaged over instances (predictions counted with duplicates).
 */
export function tupleF1(pairs: readonly Pair[], options: TupleF1Options): TupleF1Result {
  const n = options.tupleLength;
  const pc = { entry_not_list: 0, good_list: 0, bad_list: 0, wrong_length: 0, frac_success: 0 };
  const sc = { preds: 0, refs: 0, exact_match: 0, substring_match: 0, overlap_match: 0 };

  const parseEntry = (entry: unknown): Tuple | undefined => {
    if (!Array.isArray(entry)) {
      pc.entry_not_list++;
      return undefined;
    }
    if (entry.length !== n) {
      pc.wrong_length++;
      return undefined;
    }
    const t = normalizeTuple(entry);
    if (t) pc.good_list++;
    else pc.bad_list++;
    return t;
  };
  const parsePrediction = (pred: unknown): Tuple[] => {
    if (Array.isArray(pred) && pred.length === 0) return [];
    // The original subscripts pred[0]: a dict raises KeyError (not caught; we
    // treat it like the non-subscriptable case), a string gives a character.
    if (!Array.isArray(pred) && typeof pred !== "string") return [];
    if (typeof pred === "string" && pred.length === 0) return [];
    const res: Tuple[] = [];
    if (Array.isArray(pred) && Array.isArray(pred[0])) {
      for (const e of pred) {
        const t = parseEntry(e);
        if (t) res.push(t);
      }
    } else {
      const t = parseEntry(pred);
      if (t) res.push(t);
    }
    return res;
  };
  const substring = (p: Tuple, r: Tuple): boolean => {
    for (let i = 0; i < n; i++) {
      if (p[i] === "") return false;
      if (!r[i].includes(p[i]) && !p[i].includes(r[i])) return false;
    }
    return true;
  };
  const overlap = (p: Tuple, r: Tuple): boolean => {
    for (let i = 0; i < n; i++) {
      if (p[i] === "") return false;
      if (sciriffTokenF1(p[i], r[i]) < options.overlapThreshold) return false;
    }
    return true;
  };
  const fuzzy = (sim: (p: Tuple, r: Tuple) => boolean, pred: Tuple[], ref: Tuple[]): number => {
    // The original keeps *values* of used references in a set, so duplicate
    // reference tuples can be matched only once in total.
    const used = new Set<string>();
    let count = 0;
    for (const p of pred) {
      for (const r of ref) {
        const key = JSON.stringify(r);
        if (used.has(key)) continue;
        if (sim(p, r)) {
          count++;
          used.add(key);
          break;
        }
      }
    }
    return count;
  };

  for (const { pred, ref } of pairs) {
    const p = parsePrediction(pred);
    const r = (ref as unknown[]).map((e) => {
      const t = normalizeTuple(e as unknown[]);
      if (!t || t.length !== n) throw new Error("reference tuple of unexpected shape");
      return t;
    });
    sc.preds += p.length;
    sc.refs += r.length;
    const ps = new Set(p.map((t) => JSON.stringify(t)));
    const rs = new Set(r.map((t) => JSON.stringify(t)));
    for (const k of ps) if (rs.has(k)) sc.exact_match++;
    sc.substring_match += fuzzy(substring, p, r);
    sc.overlap_match += fuzzy(overlap, p, r);
  }
  pc.frac_success = safeDiv(pc.good_list, pc.entry_not_list + pc.good_list + pc.bad_list + pc.wrong_length);
  return {
    exact: computeF1(sc.exact_match, sc.preds, sc.refs),
    substring: computeF1(sc.substring_match, sc.preds, sc.refs),
    overlap: computeF1(sc.overlap_match, sc.preds, sc.refs),
    parse_counts: pc,
    counts: sc,
  };
}

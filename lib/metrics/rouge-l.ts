import { lcsLength } from "./lcs";
import { rougeTokenize } from "./tokenize";
import { maxOverReferences, type References } from "./references";

/** Precision, recall and F-measure of one prediction against one reference. */
export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

/** Options of {@link rougeL}. */
export interface RougeOptions {
  /** Porter-stem tokens longer than 3 characters (rouge_score `use_stemmer`). Default true, as in the perf-pred study. */
  stem?: boolean;
}

/** rouge_score's `fmeasure`: 2PR/(P+R), 0 when P + R is 0. */
export function fMeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/** ROUGE-L of two token lists, as rouge_score's `_score_lcs(target, prediction)`. */
export function rougeLTokens(predTokens: readonly string[], refTokens: readonly string[]): RougeScore {
  if (predTokens.length === 0 || refTokens.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const lcs = lcsLength(refTokens, predTokens);
  const precision = lcs / predTokens.length;
  const recall = lcs / refTokens.length;
  return { precision, recall, fmeasure: fMeasure(precision, recall) };
}

/**
 * ROUGE-L precision/recall/F of a prediction against one reference, exactly
 * as Google's rouge_score 0.1.2 `RougeScorer(["rougeL"], use_stemmer)`
 * `.score(target=ref, prediction=pred)["rougeL"]`.
 */
export function rougeLScore(pred: string, ref: string, options: RougeOptions = {}): RougeScore {
  const stem = options.stem ?? true;
  return rougeLTokens(rougeTokenize(pred, { stem }), rougeTokenize(ref, { stem }));
}

/**
 * ROUGE-L F-measure in [0, 1] of `pred` against `ref` (a string, or a list
 * of acceptable references: the maximum over them, as SuperNI's
 * `metric_max_over_ground_truths`). Stemming on by default.
 */
export function rougeL(pred: string, ref: References, options: RougeOptions = {}): number {
  const stem = options.stem ?? true;
  const p = rougeTokenize(pred, { stem });
  return maxOverReferences(ref, (r) => rougeLTokens(p, rougeTokenize(r, { stem })).fmeasure);
}

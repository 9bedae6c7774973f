import { flatten } from "./flatten";
import { isDict, pyStr, pyStrip, PyTypeError } from "../pyjson/py-types";
import { computeF1, safeDiv, type PRF } from "./prf";
import { commonCount, squadTokens } from "./token-f1";
import type { Pair } from "./list-f1";

/** Result of {@link labelEvidenceF1} (SciRIFF's `FactCheckingEval.evaluate`). */
export interface LabelEvidenceResult {
  f1: { label: PRF; evidence_sent: PRF; evidence_tok: PRF };
  answer_parse: {
    correct_verdict: { yes: number; no: number; frac_success: number };
    correct_evidence: { yes: number; no: number; frac_success: number };
    not_dict: number;
  };
}

function evidenceList(ev: unknown): string[] {
  let flat: unknown[];
  try {
    flat = flatten(ev);
  } catch (e) {
    if (e instanceof PyTypeError) return []; // the original raises here
    throw e;
  }
  return flat.map((s) => pyStr(s)); // the original raises on non-strings
}

/**
 * SciFact verdict and evidence scoring, as SciRIFF's `FactCheckingEval`:
 * - label F1 ignoring NEI: a prediction counts when its verdict is not
 *   "NEI", a reference when its verdict is not "NEI"; correct when both
 *   agree and the reference is not NEI. A missing verdict counts as NEI.
 * - sentence-level evidence F1 on sets of stripped, lowercased sentences;
 * - evidence token F1: micro counts of SQuAD-normalised tokens of the
 *   space-joined evidence.
 * A prediction that is not a dict is skipped entirely (its reference is not
 * counted either), as in the original.
 */
export function labelEvidenceF1(pairs: readonly Pair[]): LabelEvidenceResult {
  const label = { refs: 0, preds: 0, correct: 0 };
  const sent = { refs: 0, preds: 0, correct: 0 };
  const tok = { refs: 0, preds: 0, correct: 0 };
  const fc = { correct_verdict: { yes: 0, no: 0, frac_success: 0 }, correct_evidence: { yes: 0, no: 0, frac_success: 0 }, not_dict: 0 };
  for (const { pred, ref } of pairs) {
    const r = ref as Record<string, unknown>;
    const verdictRef = r.verdict;
    if (!isDict(pred)) {
      fc.not_dict++;
      continue;
    }
    let verdictPred = pred.verdict;
    if (verdictPred === null || verdictPred === undefined) {
      fc.correct_verdict.no++;
      verdictPred = "NEI";
    } else fc.correct_verdict.yes++;
    if (verdictRef !== "NEI") {
      label.refs++;
      if (verdictPred === verdictRef) label.correct++;
    }
    if (verdictPred !== "NEI") label.preds++;

    const evRef = evidenceList(r.evidence);
    let evPredRaw = pred.evidence;
    if (evPredRaw === null || evPredRaw === undefined) {
      fc.correct_evidence.no++;
      evPredRaw = [];
    } else fc.correct_evidence.yes++;
    const evPred = evidenceList(evPredRaw);
    const setRef = new Set(evRef.map((s) => pyStrip(s).toLowerCase()));
    const setPred = new Set(evPred.map((s) => pyStrip(s).toLowerCase()));
    let c = 0;
    for (const s of setPred) if (setRef.has(s)) c++;
    sent.correct += c;
    sent.preds += setPred.size;
    sent.refs += setRef.size;

    const refToks = squadTokens(evRef.join(" "));
    const predToks = squadTokens(evPred.join(" "));
    tok.refs += refToks.length;
    tok.preds += predToks.length;
    tok.correct += commonCount(predToks, refToks);
  }
  for (const k of ["correct_verdict", "correct_evidence"] as const) fc[k].frac_success = safeDiv(fc[k].yes, fc[k].yes + fc[k].no);
  return {
    f1: {
      label: computeF1(label.correct, label.preds, label.refs),
      evidence_sent: computeF1(sent.correct, sent.preds, sent.refs),
      evidence_tok: computeF1(tok.correct, tok.preds, tok.refs),
    },
    answer_parse: fc,
  };
}

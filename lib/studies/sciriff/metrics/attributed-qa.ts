import { flatten } from "./flatten";
import { isDict, pyStr, PyTypeError } from "../pyjson/py-types";
import { npMean, safeDiv } from "./prf";
import { sciriffTokenF1 } from "./token-f1";
import { rougeLScore } from "../../../metrics/index";
import type { Pair } from "./list-f1";

/** Per-instance outcome of the Qasper scorer. */
export interface AttributedInstance {
  /** The answer as a string, or undefined when the prediction has none. */
  answer?: string;
  f1_answer: number;
  f1_evidence: number;
}

/** Result of {@link attributedQa} (SciRIFF's `AttributedQAEval.evaluate`, without the judge). */
export interface AttributedQaResult {
  scores: {
    f1_answer_parsed: number;
    f1_answer_all: number;
    f1_evidence_parsed: number;
    f1_evidence_all: number;
    /** Mean ROUGE-L F (rouge_score, no stemming) of answers that exist. */
    rougeL_parsed: number;
    /** Mean ROUGE-L F over all instances, a missing answer scored as "". */
    rougeL_all: number;
  };
  answer_parse: {
    answer: { yes: number; no: number; frac_success: number };
    evidence: { yes: number; no: number; frac_success: number };
    answer_entry_is_str: { yes: number; no: number; frac_success: number };
  };
  instances: AttributedInstance[];
}

/**
 * Qasper answer and evidence token F1, as SciRIFF's `AttributedQAEval`:
 * per-instance SQuAD token F1 of the answer against the reference answer and
 * of the space-joined (flattened) evidence against the joined reference
 * evidence, then means; "_all" gives 0 to a missing answer / evidence,
 * "_parsed" averages only the present ones. A list answer is flattened and
 * joined on spaces, a dict answer becomes Python's `str(dict)`.
 */
export function attributedQa(pairs: readonly Pair[]): AttributedQaResult {
  const f1AnsAll: number[] = [];
  const f1AnsParsed: number[] = [];
  const f1EvAll: number[] = [];
  const f1EvParsed: number[] = [];
  const rougeAll: number[] = [];
  const rougeParsed: number[] = [];
  const yn = () => ({ yes: 0, no: 0, frac_success: 0 });
  const fc = { answer: yn(), evidence: yn(), answer_entry_is_str: yn() };
  const instances: AttributedInstance[] = [];
  for (const { pred, ref } of pairs) {
    const r = ref as { answer: string; evidence: string[] };
    const answerRaw = isDict(pred) ? pred.answer : undefined;
    const evRaw = isDict(pred) ? pred.evidence : undefined;
    const inst: AttributedInstance = { f1_answer: 0, f1_evidence: 0 };
    if (answerRaw === null || answerRaw === undefined) {
      fc.answer.no++;
      f1AnsAll.push(0);
      rougeAll.push(0);
    } else {
      fc.answer.yes++;
      let answer: string;
      if (typeof answerRaw === "string") {
        fc.answer_entry_is_str.yes++;
        answer = answerRaw;
      } else {
        fc.answer_entry_is_str.no++;
        answer = Array.isArray(answerRaw) ? flatten(answerRaw).map(pyStr).join(" ") : pyStr(answerRaw);
      }
      const f = sciriffTokenF1(answer, r.answer);
      f1AnsAll.push(f);
      f1AnsParsed.push(f);
      const rl = rougeLScore(answer, r.answer, { stem: false }).fmeasure;
      rougeAll.push(rl);
      rougeParsed.push(rl);
      inst.answer = answer;
      inst.f1_answer = f;
    }
    if (evRaw === null || evRaw === undefined) {
      fc.evidence.no++;
      f1EvAll.push(0);
    } else {
      fc.evidence.yes++;
      let evPred: string;
      try {
        evPred = flatten(evRaw).map(pyStr).join(" ");
      } catch (e) {
        if (!(e instanceof PyTypeError)) throw e;
        evPred = pyStr(evRaw); // the original raises on a non-iterable evidence
      }
      const f = sciriffTokenF1(evPred, r.evidence.join(" "));
      f1EvAll.push(f);
      f1EvParsed.push(f);
      inst.f1_evidence = f;
    }
    instances.push(inst);
  }
  for (const k of ["answer", "evidence", "answer_entry_is_str"] as const) fc[k].frac_success = safeDiv(fc[k].yes, fc[k].yes + fc[k].no);
  return {
    scores: {
      f1_answer_parsed: npMean(f1AnsParsed),
      f1_answer_all: npMean(f1AnsAll),
      f1_evidence_parsed: npMean(f1EvParsed),
      f1_evidence_all: npMean(f1EvAll),
      rougeL_parsed: npMean(rougeParsed),
      rougeL_all: npMean(rougeAll),
    },
    answer_parse: fc,
    instances,
  };
}

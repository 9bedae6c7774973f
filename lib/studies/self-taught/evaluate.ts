import type { JudgePair, JudgeRecord, Preference } from "../../data/judge/types";
import { scoreJudge, type JudgeScores, type Scoring } from "./metrics/judge-scores";
import type { PairJudgement, SyntheticPair } from "./types";
import type { VerdictLetter } from "./verdict";

/**
 * The verdict of one presentation from its samples: the majority of the
 * valid sample verdicts; a tie between A and B, or no valid sample, is
 * invalid (null). With one sample this is just that sample's verdict.
 */
export function majorityVerdict(j: PairJudgement): VerdictLetter | null {
  let a = 0;
  let b = 0;
  for (const s of j.samples) {
    if (s.verdict === "A") a++;
    else if (s.verdict === "B") b++;
  }
  return a > b ? "A" : b > a ? "B" : null;
}

/** Evaluation of a judge on synthetic pairs (good vs worse). */
export interface JudgeEvaluation extends JudgeScores {
  /** Mean correctness over individual samples (forward order), invalid = wrong. */
  sampleAccuracy: number;
  /** Invalid samples / samples, by reason. */
  invalidByReason: Record<string, number>;
  samples: number;
}

/**
 * Score judgements of synthetic pairs: each pair becomes a labelled pair in
 * the common format with output 1 = the response shown as A in the forward
 * order and gold = where the good response is; swapped-order verdicts are
 * mapped back to that numbering. Accuracy has a 95% Wilson interval;
 * invalid verdicts count as wrong ("strict") or half ("rewardbench").
 * Consistency (with both orders) = same valid choice of response in both
 * orders.
 */
export function evaluateJudgements(pairs: SyntheticPair[], judgements: PairJudgement[], options: { scoring?: Scoring; judge?: string } = {}): JudgeEvaluation {
  const jp: JudgePair[] = pairs.map((p, i) => ({ id: p.id, dataset: "self-taught", subset: "eval", index: i, instruction: p.instruction, output1: "", output2: "", label: p.goodPosition === "A" ? 1 : 2 }));
  const byId = new Map<string, { forward?: PairJudgement; swapped?: PairJudgement }>();
  for (const j of judgements) {
    const e = byId.get(j.pairId) ?? {};
    e[j.order] = j;
    byId.set(j.pairId, e);
  }
  const records: JudgeRecord[] = [];
  let sampleOk = 0;
  let samples = 0;
  const invalidByReason: Record<string, number> = {};
  for (const p of pairs) {
    const e = byId.get(p.id);
    if (!e?.forward) continue;
    const fv = majorityVerdict(e.forward);
    const rec: JudgeRecord = { pairId: p.id, judge: options.judge ?? e.forward.model, forward: fv === null ? null : ((fv === "A" ? 1 : 2) as Preference) };
    if (e.swapped) {
      const sv = majorityVerdict(e.swapped);
      // in the swapped presentation A shows output 2 and B output 1
      rec.swapped = sv === null ? null : sv === "A" ? 2 : 1;
    }
    records.push(rec);
    for (const s of e.forward.samples) {
      samples++;
      if (s.verdict === e.forward.goodPosition) sampleOk++;
    }
    for (const o of [e.forward, e.swapped]) if (o) for (const s of o.samples) if (s.invalid) invalidByReason[s.invalid] = (invalidByReason[s.invalid] ?? 0) + 1;
  }
  const judged = new Set(records.map((r) => r.pairId));
  const s = scoreJudge(
    jp.filter((p) => judged.has(p.id)),
    records,
    { scoring: options.scoring },
  );
  return { ...s, sampleAccuracy: samples ? sampleOk / samples : NaN, invalidByReason, samples };
}

import type { JudgePair, JudgeRecord, Preference } from "../../../data/judge/types";
import { wilsonInterval, type Interval } from "./wilson";

/**
 * How a verdict is scored against the gold preference:
 * - "strict": correct 1, wrong 0, invalid (unparseable) 0;
 * - "rewardbench": correct 1, wrong 0, invalid 0.5 (RewardBench-style: an
 *   unparseable verdict counts as a coin flip).
 * A tie verdict is correct only when the gold is a tie (Auto-J agreement).
 */
export type Scoring = "strict" | "rewardbench";

/** Score of one verdict against the gold (1, 0, or 0.5 for invalid under "rewardbench"). */
export function scoreVerdict(verdict: Preference | null, gold: Preference, scoring: Scoring = "strict"): number {
  if (verdict === null) return scoring === "rewardbench" ? 0.5 : 0;
  return verdict === gold ? 1 : 0;
}

/** Accuracy and diagnostics of a judge on labelled pairs. */
export interface JudgeScores {
  judge: string;
  /** Pairs with a gold label and a record. */
  n: number;
  scoring: Scoring;
  /** Mean score over forward verdicts (the original presentation order). */
  accuracy: number;
  /** 95% Wilson interval of `accuracy`. */
  ci: Interval;
  /** Invalid verdicts / verdicts, over every verdict (both orders when present). */
  invalidRate: number;
  invalid: number;
  verdicts: number;
  /** Present when records carry swapped-order verdicts. */
  bothOrders?: {
    n: number;
    accuracySwapped: number;
    /** Mean of the two orders' accuracies. */
    accuracyAverage: number;
    ciAverage: Interval;
    /** Correct in both orders / n. */
    correctBoth: number;
    /**
     * Order consistency: the same valid verdict in both orders / n. Two
     * invalid verdicts do NOT count as consistent (LLMBar's own `equal`
     * does count them: see computeLlmbarStatistics).
     */
    consistency: number;
    consistencyCi: Interval;
  };
  /** Share of valid forward verdicts that pick output 1 (position-preference diagnostic). */
  preferFirstRate: number;
}

/**
 * Evaluate judge records against the gold labels of `pairs` (pairs without
 * a gold label are skipped and counted in `unlabelled`; records for unknown
 * pairs are an error, so nothing is silently dropped).
 */
export function scoreJudge(pairs: JudgePair[], records: JudgeRecord[], options: { scoring?: Scoring; gold?: Map<string, Preference> } = {}): JudgeScores & { unlabelled: number } {
  const scoring = options.scoring ?? "strict";
  const byId = new Map(pairs.map((p) => [p.id, p]));
  let n = 0;
  let sum = 0;
  let invalid = 0;
  let verdicts = 0;
  let unlabelled = 0;
  let first = 0;
  let valid = 0;
  let nb = 0;
  let sumSw = 0;
  let both = 0;
  let consistent = 0;
  const judge = records.length ? records[0].judge : "";
  for (const r of records) {
    const p = byId.get(r.pairId);
    if (!p) throw new RangeError("scoreJudge: record for unknown pair " + r.pairId);
    const gold = options.gold ? options.gold.get(r.pairId) ?? null : p.label;
    if (gold === null) {
      unlabelled++;
      continue;
    }
    n++;
    const s = scoreVerdict(r.forward, gold, scoring);
    sum += s;
    verdicts++;
    if (r.forward === null) invalid++;
    else {
      valid++;
      if (r.forward === 1) first++;
    }
    if (r.swapped !== undefined) {
      nb++;
      verdicts++;
      if (r.swapped === null) invalid++;
      const s2 = scoreVerdict(r.swapped, gold, scoring);
      sumSw += s2;
      if (r.forward === gold && r.swapped === gold) both++;
      if (r.forward !== null && r.forward === r.swapped) consistent++;
    }
  }
  const out: JudgeScores & { unlabelled: number } = {
    judge,
    n,
    scoring,
    accuracy: n ? sum / n : NaN,
    ci: wilsonInterval(sum, n),
    invalidRate: verdicts ? invalid / verdicts : NaN,
    invalid,
    verdicts,
    preferFirstRate: valid ? first / valid : NaN,
    unlabelled,
  };
  if (nb > 0) {
    const avg = (sum / n + sumSw / nb) / 2;
    out.bothOrders = {
      n: nb,
      accuracySwapped: sumSw / nb,
      accuracyAverage: avg,
      ciAverage: wilsonInterval(((sum + sumSw) / (n + nb)) * nb, nb),
      correctBoth: both / nb,
      consistency: consistent / nb,
      consistencyCi: wilsonInterval(consistent, nb),
    };
  }
  return out;
}

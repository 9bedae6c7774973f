/**
 * One pair format for every pairwise judging dataset (LLMBar, AlpacaEval,
 * Auto-J, and the Self-Taught Evaluator's own synthetic pairs).
 *
 * Outputs keep the dataset's own numbering (`output1`, `output2`); a judge
 * shown them in swapped order has its verdict mapped back to this numbering
 * before it is stored, so `forward` and `swapped` verdicts are comparable.
 */

/** Which output is better: 1, 2, or a tie (Auto-J has ties). */
export type Preference = 1 | 2 | "tie";

export interface JudgePair {
  /** Stable id: "<dataset>/<subset>#<0-based index>". */
  id: string;
  dataset: string;
  /** Subset inside the dataset (e.g. "LLMBar/Natural", a model name, a scenario file). */
  subset: string;
  /** 0-based position in the source file. */
  index: number;
  instruction: string;
  output1: string;
  output2: string;
  /** Gold preference; null when the set has none for this pair. */
  label: Preference | null;
  /** Soft gold: probability that output 2 is better (AlpacaEval's preference - 1). */
  labelSoft?: number;
  /** Extra string fields of the source row worth keeping (scenario, generators, ...). */
  meta?: Record<string, string>;
}

/**
 * A recorded judge's verdicts on one pair, in the pair's own numbering.
 * `null` = the judge's output could not be parsed (invalid verdict).
 */
export interface JudgeRecord {
  pairId: string;
  /** Judge name, e.g. "GPT-4/Vanilla" or "weighted_alpaca_eval_gpt4_turbo". */
  judge: string;
  /** Verdict with the outputs shown in the original order. */
  forward: Preference | null;
  /** Verdict with the outputs shown swapped, mapped back; undefined when not judged that way. */
  swapped?: Preference | null;
  /** Soft verdict P(output 2 better), when the judge gives one (AlpacaEval). */
  soft?: number;
}

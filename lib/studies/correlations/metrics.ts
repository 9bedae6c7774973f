/**
 * The per-sample scores of the study, in the order of the paper's
 * transformation chain (log p(correct) over the vocabulary → p(correct) →
 * p(correct) renormalised over the choices → accuracy), plus the Brier score,
 * length-normalised accuracy and "target is greedy".
 */
export type SampleMetric =
  | "log_prob_vocab_correct"
  | "prob_vocab_correct"
  | "prob_vocab_choices"
  | "prob_choices_correct"
  | "brier_score"
  | "acc"
  | "acc_norm"
  | "target_is_greedy";

/** All metrics written by the scorers, in a stable order. */
export const SAMPLE_METRICS: readonly SampleMetric[] = [
  "log_prob_vocab_correct",
  "prob_vocab_correct",
  "prob_vocab_choices",
  "prob_choices_correct",
  "brier_score",
  "acc",
  "acc_norm",
  "target_is_greedy",
];

/** The five metrics of the paper's main figure. */
export const MAIN_METRICS: readonly SampleMetric[] = ["log_prob_vocab_correct", "prob_vocab_correct", "prob_choices_correct", "brier_score", "acc"];

/** Human-readable labels (for figures and tables). */
export const METRIC_LABELS: Record<SampleMetric, string> = {
  log_prob_vocab_correct: "log p_vocab(correct)",
  prob_vocab_correct: "p_vocab(correct)",
  prob_vocab_choices: "p_vocab(choices)",
  prob_choices_correct: "p_choices(correct)",
  brier_score: "−Brier score",
  acc: "accuracy",
  acc_norm: "accuracy (length-normalised)",
  target_is_greedy: "target is greedy",
};

/** True for a known metric name. */
export function isSampleMetric(s: string): s is SampleMetric {
  return (SAMPLE_METRICS as readonly string[]).includes(s);
}

/**
 * Orient a score so that higher is better before correlating: the Brier
 * score is a loss and is negated, as in the original; others are unchanged.
 */
export function orientScore(metric: string, score: number): number {
  return metric === "brier_score" ? -score : score;
}

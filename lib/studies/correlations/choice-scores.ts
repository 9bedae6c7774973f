import { softmax } from "./softmax";
import type { SampleMetric } from "./metrics";

/** Inputs of one multiple-choice sample. */
export interface ChoiceInput {
  /** Log-likelihood of each choice's continuation (sum over its tokens), natural log. */
  logLikelihoods: ArrayLike<number>;
  /** Index of the correct choice. */
  target: number;
  /** Whether each choice is the greedy continuation (lm-eval's is_greedy); optional. */
  isGreedy?: ArrayLike<boolean>;
  /** Character length of each choice (for acc_norm when not given). */
  choiceLengths?: ArrayLike<number>;
  /** lm-eval's own per-sample acc, when logged (takes precedence, as the original reads it). */
  acc?: number;
  /** lm-eval's own per-sample acc_norm, when logged. */
  accNorm?: number;
}

/** Index of the first maximum, as numpy.argmax (a NaN counts as the maximum); -1 for an empty input. */
export function argmax(x: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== x[i]) return i;
    if (best === -1 || x[i] > x[best]) best = i;
  }
  return best;
}

/**
 * Per-sample scores of one multiple-choice sample, as the original's
 * `extract_per_sample_benchmark_specific_metrics_from_df`:
 * - log_prob_vocab_correct = ll[target]; prob_vocab_correct = exp(ll[target]);
 * - prob_vocab_choices = Σ exp(ll);
 * - prob_choices_correct = softmax(ll, 1e-8)[target];
 * - brier_score = mean over choices of (softmax(ll, 1e-9) − one_hot(target))²
 *   (reported as a loss; `orientScore` negates it before correlating);
 * - acc: lm-eval's logged value, else argmax(ll) == target;
 * - acc_norm: logged value, else argmax(ll / characters) == target (lm-eval's
 *   length normalisation), NaN when lengths are unknown;
 * - target_is_greedy = is_greedy[target] (NaN when not available).
 */
export function scoreChoices(input: ChoiceInput): Record<SampleMetric, number> {
  const ll = input.logLikelihoods;
  const n = ll.length;
  const t = input.target;
  if (!(Number.isInteger(t) && t >= 0 && t < n)) throw new RangeError("scoreChoices: target " + t + " is not a choice index (0.." + (n - 1) + ")");
  let pv = 0;
  for (let i = 0; i < n; i++) pv += Math.exp(ll[i]);
  const pc = softmax(ll, 1e-8);
  const pb = softmax(ll, 1e-9);
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const d = pb[i] - (i === t ? 1 : 0);
    brier += d * d;
  }
  brier /= n;
  let accNorm = input.accNorm;
  if (accNorm === undefined) {
    const lens = input.choiceLengths;
    if (lens && lens.length === n) {
      const normed = new Float64Array(n);
      for (let i = 0; i < n; i++) normed[i] = ll[i] / lens[i];
      accNorm = argmax(normed) === t ? 1 : 0;
    } else accNorm = NaN;
  }
  return {
    log_prob_vocab_correct: ll[t],
    prob_vocab_correct: Math.exp(ll[t]),
    prob_vocab_choices: pv,
    prob_choices_correct: pc[t],
    brier_score: brier,
    acc: input.acc !== undefined ? input.acc : argmax(ll) === t ? 1 : 0,
    acc_norm: accNorm,
    target_is_greedy: input.isGreedy && input.isGreedy.length === n ? (input.isGreedy[t] ? 1 : 0) : NaN,
  };
}

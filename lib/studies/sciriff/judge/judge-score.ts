import type { ParsedRating } from "./parse-rating";

/** How the judge's ratings are aggregated; the defaults are the documented fixes. */
export interface JudgeScoreOptions {
  /**
   * Qasper: what an unreadable rating becomes. "exclude" (default) leaves it
   * out of the mean and counts it; 3 reproduces the original (`extract_rating`
   * returned 3 for a missing or out-of-range rating).
   */
  missingRating?: "exclude" | 3;
  /**
   * MuP: drop ratings of 1, as the original's `if results:` check did
   * (a rating of 1 scales to 0, which is falsy). Default false.
   */
  dropOnes?: boolean;
  /**
   * Order of operations, for bit-identical floats: "rescale-mean" (Qasper:
   * `(np.mean(ratings) - 1) / 4`) or "mean-rescaled" (MuP: the sum of
   * `(rating - 1) / 4` divided by the count). Default "rescale-mean".
   */
  aggregate?: "rescale-mean" | "mean-rescaled";
}

/** Aggregate judge result of one task. */
export interface JudgeScore {
  /** Mean of (rating - 1) / 4 over the counted ratings, in [0, 1]; null when none. */
  score: number | null;
  /** Mean raw rating (1..5) of the counted ratings; null when none. */
  meanRating: number | null;
  n_counted: number;
  n_total: number;
  n_missing: number;
  n_invalid: number;
  /** Ratings of 1 dropped by the reproduced MuP quirk. */
  n_dropped_ones: number;
  /** Instances rated 1 without asking the judge (no answer could be parsed). */
  n_no_answer: number;
  histogram: Record<string, number>;
}

/** One instance's judge outcome. */
export interface InstanceRating extends ParsedRating {
  /** True when the prediction had no answer and got 1 without a judge call. */
  noAnswer?: boolean;
}

/**
 * SciRIFF's judge scoring: ratings 1..5 rescaled as (rating - 1) / 4 and
 * averaged (Qasper rescales the mean rating, MuP averages the rescaled
 * ratings: the same number).
 */
export function judgeScore(ratings: readonly InstanceRating[], options: JudgeScoreOptions = {}): JudgeScore {
  const counted: number[] = [];
  const out: JudgeScore = { score: null, meanRating: null, n_counted: 0, n_total: ratings.length, n_missing: 0, n_invalid: 0, n_dropped_ones: 0, n_no_answer: 0, histogram: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 } };
  for (const r of ratings) {
    if (r.noAnswer) out.n_no_answer++;
    let v = r.rating;
    if (v === undefined) {
      if (r.status === "invalid") out.n_invalid++;
      else out.n_missing++;
      if (options.missingRating === 3) v = 3;
      else continue;
    }
    if (options.dropOnes && v === 1) {
      out.n_dropped_ones++;
      continue;
    }
    counted.push(v);
    out.histogram[String(v)]++;
  }
  out.n_counted = counted.length;
  if (counted.length > 0) {
    const mean = counted.reduce((a, b) => a + b, 0) / counted.length;
    out.meanRating = mean;
    if (options.aggregate === "mean-rescaled") {
      let sum = 0;
      for (const v of counted) sum += (v - 1) / 4;
      out.score = sum / counted.length;
    } else out.score = (mean - 1) / 4;
  }
  return out;
}

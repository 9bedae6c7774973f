/**
 * The original's per-generation metrics (`aggregate_points` in
 * aggregate_metrics.py) on one voted point vector of length k + 3: k skill
 * points, then topic, sense and sentence-limit points.
 */

/** Metric names used here, with the original method each one reproduces. */
export const METRICS = {
  /** 1 when all k + 3 points are earned (original: all_points_earned_binary). */
  full_marks: "all_points_earned_binary",
  /** 1 when all k skill points and at least 2 of the other 3 are earned (all_skills_and_good_rest). */
  all_skills: "all_skills_and_good_rest",
  /** Fraction of skill points, counted 0 unless the other 3 are all earned (average_over_skills_filtered). */
  skill_fraction: "average_over_skills_filtered",
  /** Sum of all points (sum). */
  sum: "sum",
  /** (sum / (k + 3)) ^ (k + 3) (rescaled_sum). */
  rescaled_sum: "rescaled_sum",
  /** Mean of all points (average). */
  average: "average",
  /** 0–2: all skills, plus at least 2 of the other 3 (split_skills_vs_rest_binary). */
  skills_vs_rest: "split_skills_vs_rest_binary",
  /** Mean of the skill points (average_over_skills). */
  skill_average: "average_over_skills",
  /** Sum of the skill points (sum_over_skills). */
  skill_sum: "sum_over_skills",
  /** Sum of skill points, 0 unless the other 3 are all earned (sum_over_skills_filtered). */
  skill_sum_filtered: "sum_over_skills_filtered",
} as const;

export type MetricName = keyof typeof METRICS;

/** The three metrics the original reports by default. */
export const DEFAULT_METRICS: MetricName[] = ["full_marks", "all_skills", "skill_fraction"];

/** Resolve a metric given by our name or by the original method name. */
export function metricByName(name: string): MetricName | undefined {
  if (name in METRICS) return name as MetricName;
  for (const [ours, orig] of Object.entries(METRICS)) if (orig === name) return ours as MetricName;
  return undefined;
}

/** Value of one metric for a point vector of length k + 3. */
export function metricValue(metric: MetricName, points: readonly number[], k: number): number {
  const max = k + 3;
  const c = max - k;
  let skills = 0;
  let rest = 0;
  for (let i = 0; i < max; i++) {
    if (i < k) skills += points[i];
    else rest += points[i];
  }
  const total = skills + rest;
  switch (metric) {
    case "sum":
      return total;
    case "rescaled_sum":
      return Math.pow(total / max, max);
    case "average":
      return total / max;
    case "full_marks":
      return total === max ? 1 : 0;
    case "skills_vs_rest":
      return (skills === k ? 1 : 0) + (rest >= c - 1 ? 1 : 0);
    case "all_skills":
      return (skills === k ? 1 : 0) * (rest >= c - 1 ? 1 : 0);
    case "skill_average":
      return skills / k;
    case "skill_sum":
      return skills;
    case "skill_fraction":
      return rest === c ? skills / k : 0;
    case "skill_sum_filtered":
      return rest === c ? skills : 0;
  }
}

import { exactMatch } from "./exact-match";
import { rougeL } from "./rouge-l";
import { tokenF1 } from "./token-f1";
import type { References } from "./references";

/** Names of the instance-level metrics available by name (CLI, configs). */
export const METRIC_NAMES = ["rougeL", "rougeL-nostem", "exact_match", "token_f1"] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** An instance-level metric: a score in [0, 1] of a prediction against references. */
export type InstanceMetric = (pred: string, ref: References) => number;

/** The metric function for a name; throws a RangeError for unknown names. */
export function metricByName(name: string): InstanceMetric {
  switch (name) {
    case "rougeL":
      return (p, r) => rougeL(p, r, { stem: true });
    case "rougeL-nostem":
      return (p, r) => rougeL(p, r, { stem: false });
    case "exact_match":
      return exactMatch;
    case "token_f1":
      return tokenF1;
    default:
      throw new RangeError("unknown metric '" + name + "' (known: " + METRIC_NAMES.join(", ") + ")");
  }
}

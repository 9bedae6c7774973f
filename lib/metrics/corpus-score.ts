import type { References } from "./references";

/**
 * Mean of an instance metric over instances, times 100 (SuperNI's
 * `compute_metrics`). `round4` reproduces SuperNI's final `round(v, 4)`
 * (Python rounds half to even on the binary value; we use the same
 * correctly-rounded decimal conversion via toFixed, which agrees except on
 * exact binary ties). Throws on mismatched lengths or no instances.
 */
export function corpusScore(
  predictions: readonly string[],
  references: readonly References[],
  metric: (pred: string, ref: References) => number,
  options: { round4?: boolean } = {},
): number {
  if (predictions.length !== references.length) {
    throw new RangeError("predictions and references differ in length: " + predictions.length + " vs " + references.length);
  }
  if (predictions.length === 0) throw new RangeError("no instances to score");
  let sum = 0;
  for (let i = 0; i < predictions.length; i++) sum += metric(predictions[i], references[i]);
  const v = (100 * sum) / predictions.length;
  return options.round4 ? Number(v.toFixed(4)) : v;
}

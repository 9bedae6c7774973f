/** One reference string, or several acceptable references. */
export type References = string | readonly string[];

/**
 * The maximum of `score(reference)` over the references (SuperNI's
 * `metric_max_over_ground_truths`). An empty list is an error, as Python's
 * `max([])` is.
 */
export function maxOverReferences(ref: References, score: (r: string) => number): number {
  if (typeof ref === "string") return score(ref);
  if (ref.length === 0) throw new RangeError("no reference to score against (empty list of references)");
  let best = -Infinity;
  for (const r of ref) {
    if (typeof r !== "string") throw new TypeError("references must be strings, got " + typeof r);
    const s = score(r);
    if (s > best) best = s;
  }
  return best;
}

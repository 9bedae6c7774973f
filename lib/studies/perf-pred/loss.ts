import type { TokenLogprob } from "../../llm/types";

/**
 * Mean natural-log probability of the tokens that start at or after
 * character `from` of an echoed prompt (the reference continuation), from a
 * completions-with-echo response. Offsets are taken from the response when
 * present, else accumulated from the token texts (which concatenate to the
 * prompt). Returns NaN count 0 when no token falls in the range; a null
 * log-prob inside the range is an error.
 */
export function meanContinuationLogprob(tokens: readonly TokenLogprob[], from: number): { mean: number; count: number } {
  let pos = 0;
  let sum = 0;
  let count = 0;
  for (const t of tokens) {
    const start = t.offset ?? pos;
    pos = start + t.token.length;
    if (start < from) continue;
    if (t.logprob === null || !Number.isFinite(t.logprob)) throw new RangeError("token '" + t.token + "' at offset " + start + " has no log-probability");
    sum += t.logprob;
    count++;
  }
  return { mean: count ? sum / count : NaN, count };
}

/**
 * The default log-probability model of simulated models (used for any
 * simulated model whose simulator has no `complete`).
 *
 * Each token t following the previous token p has a fixed "difficulty"
 * d(p, t) = 0.2 + 6·u² nats, where u in [0, 1) is a hash of (p, t); tokens
 * that are whitespace or punctuation are easier (d × 0.3). A model of quality
 * q in [0, 1] assigns
 *
 *     logprob(t | p) = −(0.02 + d(p, t) · (1 − 0.8·q))
 *
 * so the log-probs are deterministic, always < 0, and strictly increasing in
 * q token by token: a "better" model has a higher mean log-prob (lower loss)
 * on every text, and texts of ordinary words score lower than punctuation.
 * Top alternatives: the remaining mass 1 − e^logprob is spread geometrically
 * (0.6·0.4^j) over filler tokens picked by hash, so each position's top-k
 * probabilities sum to at most 1.
 */
import { hash01, hash32 } from "./hash";

/** Filler vocabulary for generated text and top alternatives. */
export const FILLER_WORDS: readonly string[] = [
  " the", " of", " and", " to", " a", " in", " is", " that", " it", " for",
  " model", " answer", " result", " data", " value", " test", " this", " with", " as", " on",
  ".", ",", " was", " are", " be", " by", " not", " or", " an", " which",
];

const EASY = /^[\s\p{P}\p{S}]+$/u;

/** Difficulty in nats of token `token` after token `prev` ("" at the start). */
export function tokenDifficulty(prev: string, token: string): number {
  const u = hash01(prev + "\u0001" + token);
  const d = 0.2 + 6 * u * u;
  return EASY.test(token) ? d * 0.3 : d;
}

/** Natural-log probability of `token` after `prev` for a model of quality q (clamped to [0, 1]). */
export function tokenLogprob(prev: string, token: string, quality: number): number {
  const q = Math.min(1, Math.max(0, quality));
  return -(0.02 + tokenDifficulty(prev, token) * (1 - 0.8 * q));
}

/**
 * Top-k alternatives at one position: the actual token with its logprob, and
 * filler tokens carrying the remaining probability mass, sorted by logprob
 * descending, k entries (k <= 20).
 */
export function topAlternatives(prev: string, token: string, logprob: number, k: number): { token: string; logprob: number }[] {
  if (k <= 0) return [];
  const out: { token: string; logprob: number }[] = [{ token, logprob }];
  const rest = Math.max(1e-12, 1 - Math.exp(logprob));
  const h = hash32(prev + "\u0002" + token);
  const seen = new Set<string>([token]);
  let j = 0;
  for (let i = 0; out.length < k + 1 && i < FILLER_WORDS.length; i++) {
    const alt = FILLER_WORDS[(h + i * 7) % FILLER_WORDS.length];
    if (seen.has(alt)) continue;
    seen.add(alt);
    out.push({ token: alt, logprob: Math.log(rest * 0.6 * Math.pow(0.4, j)) });
    j++;
  }
  out.sort((a, b) => b.logprob - a.logprob);
  return out.slice(0, k);
}

/** Mean of the non-null log-probs (the "loss" is its negation). NaN when there is none. */
export function meanLogprob(lps: (number | null)[]): number {
  let s = 0;
  let n = 0;
  for (const v of lps) {
    if (v === null) continue;
    s += v;
    n++;
  }
  return n === 0 ? NaN : s / n;
}

import type { Simulator, SimulatorContext, SimulatedCompletion } from "../../llm/mock/simulator";
import { tokenize } from "../../llm/mock/tokenize";
import { tokenDifficulty } from "../../llm/mock/logprobs";
import { hash01 } from "../../llm/mock/hash";

/** Parse a numeric model-string parameter with a default, clamped to [lo, hi]. */
function param(params: Record<string, string>, key: string, dflt: number, lo: number, hi: number): number {
  const v = params[key] === undefined ? NaN : Number(params[key]);
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : dflt;
}

/**
 * Log-probability the "correlations" simulated model assigns to `token`
 * after `prev`, for a model at normalised scale θ = `scale` ∈ [0, 1]:
 *   −(0.02 + d (1 − 0.8 θ)) + drift · d · Σ_{k=1..3} sin(3πkθ + 2π u_k) / (1.8 k),
 * capped at −1e-4, where d is the loopback server's hashed token difficulty
 * and u_k hashes (family, prev, token, k). Every token gets more likely with
 * scale on average (so log p of any text rises with scale), but each token's
 * wobble term moves it up and down non-monotonically, so the ranking of
 * competing continuations (the choices) changes with scale.
 */
export function correlationsTokenLogprob(prev: string, token: string, scale: number, drift: number, family: string): number {
  const d = tokenDifficulty(prev, token);
  let w = 0;
  for (let k = 1; k <= 3; k++) w += Math.sin(3 * Math.PI * k * scale + 2 * Math.PI * hash01(family + "\u0001" + prev + "\u0001" + token + "\u0001" + k)) / (1.8 * k);
  return Math.min(-1e-4, -(0.02 + d * (1 - 0.8 * scale)) + drift * d * w);
}

/**
 * Simulated members of a model family for the correlations study's own
 * scorer, served by the loopback server as
 * `simulated/correlations?scale=0.3&drift=0.3&family=A`. Completions return
 * the prompt's token log-probabilities (echo) from `correlationsTokenLogprob`
 * and a fixed short continuation (" and so on.", cut to max_tokens). The model knows nothing about which answer is
 * correct: it demonstrates the scoring path and the effect of
 * non-monotone competition among choices, not rising accuracy (that
 * mechanism is in `simulateFamily`).
 */
export const correlationsSimulator: Simulator = {
  description: "correlations study: family member at scale=0..1 (drift, family): scale-dependent prompt log-probs for multiple-choice scoring",
  complete(prompt: string, ctx: SimulatorContext): SimulatedCompletion {
    const scale = param(ctx.params, "scale", 0.5, 0, 1);
    const drift = param(ctx.params, "drift", 0.3, 0, 2);
    const family = ctx.params.family ?? "A";
    const toks = tokenize(prompt);
    const promptTokens: [string, number][] = toks.map((t, i) => [t, correlationsTokenLogprob(i === 0 ? "" : toks[i - 1], t, scale, drift, family)]);
    // a short continuation, cut by the server to max_tokens (none for scoring requests with max_tokens 0)
    return { text: " and so on.", promptTokens };
  },
};

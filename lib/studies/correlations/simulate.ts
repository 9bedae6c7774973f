import { seededRng } from "../../random/seeded";
import { trainingCompute, type ModelInfo } from "../../data/scaling/types";
import { scoreChoices } from "./choice-scores";
import { SAMPLE_METRICS } from "./metrics";
import type { ScoreMatrix } from "./score-table";

/** Parameters of the generative simulation of a model family (all optional). */
export interface SimulationOptions {
  /** Seed of the whole simulation (default 0). */
  seed?: number | string;
  /** Family name (default "Simulated"). */
  family?: string;
  /** Task name written into the score table (default "simulated_mc"). */
  task?: string;
  /** Parameter counts of the models (default nine Pythia-like sizes, 14M … 6.9B). */
  parameters?: number[];
  /** Training tokens: one value for all models or one per model (default 300e9). */
  tokens?: number | number[];
  /** Number of questions (default 500). */
  samples?: number;
  /** Choices per question (default 4). */
  choices?: number;
  /** κ: how fast per-token loss falls with scale (default 4). */
  learnability?: number;
  /** Per-token loss of the smallest model, nats (default 8). */
  initialLoss?: number;
  /** Irreducible per-token loss of the correct continuation, nats (default 0.6). */
  finalLoss?: number;
  /** Irreducible per-token loss of an incorrect continuation, nats (default 2.5: wrong answers stay less likely). */
  wrongLoss?: number;
  /** Mean extra difficulty of the distractors over the question (default 0.4). */
  distractorGap?: number;
  /** SD of the per-model random-walk step of incorrect choices' log-likelihood per token (default 0.6). */
  drift?: number;
  /** SD of independent per-(model, question) noise of the correct choice per token (default 0.03). */
  noise?: number;
}

/** A simulated family: models and per-choice log-likelihoods. */
export interface SimulatedFamily {
  family: string;
  task: string;
  /** Models sorted by compute. */
  models: ModelInfo[];
  samples: number;
  choices: number;
  /** Correct choice of each question. */
  targets: Int32Array;
  /** Difficulty d of each question (higher = harder). */
  difficulty: Float64Array;
  /** Character length of each choice (questions × choices). */
  choiceChars: Int32Array;
  /** Log-likelihoods, index ((model · samples) + sample) · choices + choice. */
  logLikelihoods: Float64Array;
  /** Greedy flags, same layout. */
  isGreedy: Uint8Array;
  /** Options used (after defaults), recorded for provenance. */
  options: Required<Omit<SimulationOptions, "tokens" | "parameters">> & { parameters: number[]; tokens: number[] };
  /** Always true: every record from here is simulated. */
  simulated: true;
}

const DEFAULT_PARAMETERS = [14e6, 31e6, 70e6, 160e6, 410e6, 1e9, 1.4e9, 2.8e9, 6.9e9];

/**
 * Seeded generative simulation of how a model family's per-choice
 * log-likelihoods change as compute grows. Each model m has normalised scale
 * θ_m = (log10 C_m − min) / (max − min) ∈ [0, 1]. Per-token loss of a
 * continuation with difficulty d is
 *   h(θ, d) = h∞ + (h0 − h∞) · exp(−κ θ e^(−d)),
 * so every choice becomes more likely with scale; the floor h∞ is lower for
 * the correct continuation (finalLoss) than for wrong ones (wrongLoss).
 * Question i has difficulty d_i ~ N(0, 1); its correct choice has
 * log-likelihood −T_i h(θ, d_i) plus small noise; each distractor j has its
 * own difficulty d_i + g + N(0, 1) (so some distractors are learnt faster
 * than the answer, for a while) and a random walk
 * over the models in compute order, re-centred across the distractors so
 * that probability mass drifts among the incorrect choices without a trend.
 * log p_vocab(correct) therefore rises almost monotonically with compute,
 * while p_choices(correct), the Brier score and accuracy also depend on the
 * distractors and correlate less — the study's mechanism. Choice lengths T
 * (tokens) are 2–5, characters ≈ 4.2 per token.
 */
export function simulateFamily(options: SimulationOptions = {}): SimulatedFamily {
  const parameters = options.parameters ?? DEFAULT_PARAMETERS;
  const nm = parameters.length;
  const tokens = Array.isArray(options.tokens) ? options.tokens : parameters.map(() => (options.tokens as number | undefined) ?? 300e9);
  if (tokens.length !== nm) throw new RangeError("simulateFamily: " + tokens.length + " token counts for " + nm + " models");
  const opts = {
    seed: options.seed ?? 0,
    family: options.family ?? "Simulated",
    task: options.task ?? "simulated_mc",
    samples: options.samples ?? 500,
    choices: options.choices ?? 4,
    learnability: options.learnability ?? 4,
    initialLoss: options.initialLoss ?? 8,
    finalLoss: options.finalLoss ?? 0.6,
    wrongLoss: options.wrongLoss ?? 2.5,
    distractorGap: options.distractorGap ?? 0.4,
    drift: options.drift ?? 0.6,
    noise: options.noise ?? 0.03,
    parameters,
    tokens,
  };
  const { samples: ns, choices: nc } = opts;
  if (!(ns >= 1 && nc >= 2 && nm >= 2)) throw new RangeError("simulateFamily: need >= 2 models, >= 1 sample, >= 2 choices");
  const rng = seededRng(typeof opts.seed === "string" ? opts.seed : "correlations-sim-" + opts.seed);
  const models: ModelInfo[] = parameters
    .map((p, i) => ({ nickname: opts.family + "_" + formatCount(p) + "_" + formatCount(tokens[i]), family: opts.family, parameters: p, tokens: tokens[i], compute: trainingCompute(p, tokens[i]) }))
    .sort((a, b) => a.compute - b.compute);
  const lc = models.map((m) => Math.log10(m.compute));
  const span = lc[nm - 1] - lc[0] || 1;
  const theta = lc.map((c) => (c - lc[0]) / span);
  const h = (t: number, d: number, floor: number) => floor + (opts.initialLoss - floor) * Math.exp(-opts.learnability * t * Math.exp(-d));
  const targets = new Int32Array(ns);
  const difficulty = new Float64Array(ns);
  const choiceTokens = new Int32Array(ns * nc);
  const choiceChars = new Int32Array(ns * nc);
  const choiceDifficulty = new Float64Array(ns * nc);
  for (let i = 0; i < ns; i++) {
    targets[i] = rng.int(nc);
    difficulty[i] = rng.normal();
    for (let j = 0; j < nc; j++) {
      const t = 2 + rng.int(4);
      choiceTokens[i * nc + j] = t;
      choiceChars[i * nc + j] = Math.max(1, Math.round(t * 4.2 + rng.normal(0, 1.5)));
      choiceDifficulty[i * nc + j] = j === targets[i] ? difficulty[i] : difficulty[i] + opts.distractorGap + rng.normal();
    }
  }
  // random walks of the distractors over models (compute order), re-centred per model
  const walk = new Float64Array(nm * ns * nc);
  for (let i = 0; i < ns; i++) {
    for (let m = 1; m < nm; m++) {
      let mean = 0;
      for (let j = 0; j < nc; j++) {
        if (j === targets[i]) continue;
        const k = (m * ns + i) * nc + j;
        walk[k] = walk[((m - 1) * ns + i) * nc + j] + opts.drift * rng.normal();
        mean += walk[k];
      }
      mean /= nc - 1;
      for (let j = 0; j < nc; j++) if (j !== targets[i]) walk[(m * ns + i) * nc + j] -= mean;
    }
  }
  const ll = new Float64Array(nm * ns * nc);
  const greedy = new Uint8Array(nm * ns * nc);
  for (let m = 0; m < nm; m++) {
    for (let i = 0; i < ns; i++) {
      for (let j = 0; j < nc; j++) {
        const k = (m * ns + i) * nc + j;
        const T = choiceTokens[i * nc + j];
        const correct = j === targets[i];
        let perToken = h(theta[m], choiceDifficulty[i * nc + j], correct ? opts.finalLoss : opts.wrongLoss);
        if (correct) perToken += opts.noise * rng.normal();
        else perToken -= walk[k];
        perToken = Math.max(perToken, 1e-4);
        ll[k] = -T * perToken;
        greedy[k] = perToken < Math.LN2 ? 1 : 0;
      }
    }
  }
  return { family: opts.family, task: opts.task, models, samples: ns, choices: nc, targets, difficulty, choiceChars, logLikelihoods: ll, isGreedy: greedy, options: opts, simulated: true };
}

/** Score matrices (one per metric, models × samples) of a simulated family, scored like real log samples. */
export function simulatedScoreMatrices(sim: SimulatedFamily): ScoreMatrix[] {
  const nm = sim.models.length;
  const { samples: ns, choices: nc } = sim;
  const mats = SAMPLE_METRICS.map((metric) => ({ metric, task: sim.task, models: sim.models.map((m) => m.nickname), sampleIds: Array.from({ length: ns }, (_, i) => i), values: new Float64Array(nm * ns), missing: 0 }));
  for (let m = 0; m < nm; m++) {
    for (let i = 0; i < ns; i++) {
      const off = (m * ns + i) * nc;
      const s = scoreChoices({
        logLikelihoods: sim.logLikelihoods.subarray(off, off + nc),
        target: sim.targets[i],
        isGreedy: Array.from(sim.isGreedy.subarray(off, off + nc), (g) => g === 1),
        choiceLengths: sim.choiceChars.subarray(i * nc, i * nc + nc),
      });
      SAMPLE_METRICS.forEach((metric, k) => (mats[k].values[m * ns + i] = s[metric]));
    }
  }
  return mats;
}

/** "70M", "1.4B", "300B" style counts for nicknames. */
export function formatCount(n: number): string {
  const units: [number, string][] = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
  for (const [v, u] of units) if (n >= v) return +(n / v).toPrecision(3) + u;
  return String(n);
}

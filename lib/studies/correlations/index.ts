/**
 * The scaling-correlations study (Schaeffer et al. 2024, "Why Has Predicting
 * Downstream Capabilities of Frontier AI Models with Scale Remained
 * Elusive?"): per-sample scores, their correlation with compute across a
 * model family, the distribution summaries, a generative simulation, our own
 * LLM scorer and the study's figures. See lib/studies/correlations/README.md.
 */
export * from "./analysis";
export { correlationsSimulator, correlationsTokenLogprob } from "./simulator";
export { readMcDataset, scoreWithLLM, continuationLogLikelihood, type McQuestion, type ContinuationScore, type ScoreWithLLMOptions } from "./scorer";

/**
 * The scaling-correlations study (Schaeffer et al. 2024, "Why Has Predicting
 * Downstream Capabilities of Frontier AI Models with Scale Remained
 * Elusive?"): per-sample scores, their correlation with compute across a
 * model family, the distribution summaries, a generative simulation and the
 * study's figures. See lib/studies/correlations/README.md.
 */
export { SAMPLE_METRICS, MAIN_METRICS, METRIC_LABELS, isSampleMetric, orientScore, type SampleMetric } from "./metrics";
export { softmax } from "./softmax";
export { scoreChoices, argmax, type ChoiceInput } from "./choice-scores";
export { targetIndex, taskKind, type TaskKind, type TargetRow } from "./target-index";
export { readLogSamples, scoresFromLogSamples, taskFromFileName, choiceLengths, type LogSample, type ScoreRow, type ReadLogSamplesOptions } from "./log-samples";
export { readModels, dropUntrained, byFamily, sortByCompute, type ModelInfo } from "./models";
export { readScoreRows, pivotScores, type ScoreMatrix } from "./score-table";
export { correlateWithCompute, type CorrelationResult } from "./compute-correlations";
export { simulateFamily, simulatedScoreMatrices, formatCount, type SimulationOptions, type SimulatedFamily } from "./simulate";
export { correlationsSimulator, correlationsTokenLogprob } from "./simulator";
export { readMcDataset, scoreWithLLM, continuationLogLikelihood, type McQuestion, type ContinuationScore, type ScoreWithLLMOptions } from "./scorer";
export { scalingCurves, meanScoreByModel, survivalPoints, type CurvePoint } from "./curves";
export { correlationEcdfFigure, sampleTrajectoriesFigure, scalingCurvesFigure, summaryMarkdown } from "./figures";
export * as scalingData from "../../data/scaling/index";

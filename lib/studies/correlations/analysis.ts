/**
 * The study's analysis API without the LLM layer (scores, registry,
 * correlations, simulation, curves, figures): what the notebook imports, so
 * tslab compiles a small module graph. `index.ts` adds the LLM scorer and the
 * loopback simulator on top.
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
export { scalingCurves, meanScoreByModel, survivalPoints, type CurvePoint } from "./curves";
export { correlationEcdfFigure, sampleTrajectoriesFigure, scalingCurvesFigure, summaryMarkdown } from "./figures";
export * as scalingData from "../../data/scaling/index";

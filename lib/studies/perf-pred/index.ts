/**
 * The performance-prediction study: can a model's score on a task be
 * predicted from the task's instruction alone? See README.md.
 */
export { randomSplit, groupSplit, leaveOneCategoryOut, distinctCategories, ORIGINAL_SEEDS, type Split, type RandomSplitOptions } from "./splits";
export { buildEvalPrompt, definitionSentence, firstSentence, loadEvalTemplates, type EvalTemplates } from "./prompt";
export { selectInstances, type SelectedInstance } from "./instances";
export { meanContinuationLogprob } from "./loss";
export { evaluateTasks, type EvaluateOptions, type EvaluateResult, type GenerationRecord, type LossRecord, type TaskScores } from "./evaluate";
export { buildDataset, datasetCsv, DATASET_COLUMNS, type DatasetRow } from "./dataset";
export { defaultFamilies, MEAN_FAMILY, type PredictorFamily, type PredictorConfig, type TextPredictor, type GridOptions, type FitInput } from "./predictors";
export { runExperiment, errorsByCategory, meanStd, type PerfPredData, type ExperimentOptions, type ExperimentResult, type SplitResult, type FamilySummary } from "./experiment";
export { selfInstructData, selfInstructModels, bbhData, datasetData, realPaths } from "./real-data";
export { rmseFigure, scatterFigure, categoryFigure } from "./figures";
export { superniStudyDataset, defaultRunDir, scratchRunDir, type SuperniStudyOptions } from "./study";
export { embedTexts } from "./embed";
export { perfPredSimulator, parseEvalPrompt } from "./simulator";
export * as superni from "../../data/superni/index";
export * as bbh from "../../data/bbh/index";
export * as selfInstruct from "../../data/self-instruct/index";
export * as ml from "../../ml/index";
export { NumpyRandomState, type NumpySeed } from "../../random/numpy-random";

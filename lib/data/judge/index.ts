/** Importers for pairwise judging datasets into one pair format (see ./types). */
export type { JudgePair, JudgeRecord, Preference } from "./types";
export { parsePythonLiteral, type PyValue } from "./python-literal";
export { pythonFloatRepr } from "./python-float";
export { cohenKappa } from "./cohen-kappa";
export {
  loadLlmbarDataset,
  loadLlmbarResult,
  loadLlmbarStatistics,
  llmbarRecords,
  findLlmbarEvaluators,
  llmbarSubsetName,
  parseCountRatio,
  type LlmbarResultRow,
  type LlmbarStatistics,
  type LlmbarEvaluatorDir,
  type CountRatio,
} from "./llmbar";
export { computeLlmbarStatistics, type LlmbarKappaMode, type LlmbarStatisticsComputed } from "./llmbar-statistics";
export { loadAlpacaEvalAnnotations, findAlpacaEvalAnnotations, alpacaWinRate, alpacaVerdict, type AlpacaEvalSet, type AlpacaWinRate } from "./alpaca-eval";
export { loadAutoJPairs, loadAutoJPredictions, autojPreference } from "./autoj";

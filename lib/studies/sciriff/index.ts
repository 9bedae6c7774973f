/**
 * The SciRIFF study (allenai/SciRIFF): nine held-out scientific-literature
 * tasks, lm-evaluation-harness predictions, SciRIFF's JSON extraction and
 * metrics, LLM-judge tasks (Qasper, MuP), summary table. See ./README.md.
 *
 * The loopback-server pieces (./simulator.ts, ./mock-batch-routes.ts) are
 * registered in lib/llm/mock/ and deliberately not re-exported here, so that
 * importing the study does not pull in every study's simulator.
 */
export { TASKS, TASK_NAMES, taskByName, type SciriffTask, type ScorerKind } from "./tasks";
export { parsePyJson, type PyJsonResult } from "./pyjson/parse";
export { PyFloat, pyFloatRepr, pyRound2 } from "./pyjson/py-float";
export { pyRepr, pyStr, pyStrip, isDict } from "./pyjson/py-types";
export { extractJson, extractAll, type Extracted, type JsonStatus, type JsonCounts, type ExtractOptions } from "./extract/extract-json";
export { findJson, type ScanMode, type FindJsonResult } from "./extract/find-json";
export { stripEos, type EosStrip } from "./extract/strip-eos";
export { normalizeListEntry } from "./metrics/normalize-entry";
export { flatten } from "./metrics/flatten";
export { computeF1, type PRF } from "./metrics/prf";
export { listF1, type ListF1Result, type Pair } from "./metrics/list-f1";
export { entityF1, type EntityF1Result } from "./metrics/entity-f1";
export { labelEvidenceF1, type LabelEvidenceResult } from "./metrics/label-evidence-f1";
export { tupleF1, type TupleF1Result, type TupleF1Options } from "./metrics/tuple-f1";
export { attributedQa, type AttributedQaResult } from "./metrics/attributed-qa";
export { corpusBleu, type BleuResult } from "./metrics/bleu";
export { tokenize13a } from "./metrics/tokenize-13a";
export { sciriffTokenF1, squadTokens } from "./metrics/token-f1";
export { loadSamples } from "./predictions/load-samples";
export { discoverRuns, findPredictionFile, type TaskRun } from "./predictions/layout";
export type { PredictionEntry } from "./predictions/sample";
export { scoreTask, parseTask, type TaskMetrics, type ScoreOptions } from "./score/score-task";
export { scorePredictions, type ScoreDirOptions, type ScoreDirResult, type JudgeMode } from "./score/score-dir";
export { summaryTable, formatSummaryTsv, formatSummaryMarkdown, headlineRows, type SummaryTable } from "./score/summary-table";
export { parseQasperRating, parseMupRating, type ParsedRating } from "./judge/parse-rating";
export { judgeScore, type JudgeScore, type JudgeScoreOptions } from "./judge/judge-score";
export { qasperJudgePlan, mupJudgePlan, type JudgePlan, type JudgeItem } from "./judge/judge-items";
export { mupSampleIndices } from "./judge/mup-sample";
export { judgeWithLLM, scorePlan, repliesFromBatch, type JudgeResult } from "./judge/run-judge";
export { readBatchOutput, parseBatchOutput, batchReplyText, type BatchOutputLine } from "./judge/batch-output";
export { runBatch, batchInputLines, uploadBatchFile, createBatch, retrieveBatch, waitForBatch, batchResults, type BatchClientOptions, type BatchObject, type BatchInputLine } from "./judge/batch";
export { loadInstances, type SciriffInstance } from "./predict/instances";
export { predictTask, stopSequence, defaultNumFewshot, type PredictOptions, type PredictResult, type ChatFormat } from "./predict/predict-task";

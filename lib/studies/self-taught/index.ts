/**
 * The Self-Taught Evaluator study (see README.md): synthetic preference
 * pairs, judge annotation with rejection sampling, fine-tuning iterations on
 * Together (simulated offline), evaluation on fixed pairs, and judges on
 * real labelled sets.
 */
export { parseVerdict, tallyVerdicts, type ParsedVerdict, type VerdictRule, type VerdictLetter, type VerdictTally, type InvalidReason } from "./verdict";
export { parseWorseOutput, type WorseParse } from "./worse-parse";
export { loadStudyPrompts, judgePrompt, matchPrompt, type StudyPrompts } from "./prompts";
export { loadInstructions, splitInstructions, loadBuiltinInstructions, loadSelfInstructInstructions, loadSuperNIInstructions, type Instruction, type InstructionSource } from "./instructions";
export { goodPosition, otherPosition } from "./positions";
export { generateResponses, generateWorse, buildPairs, judgePairs, presented, reparseJudgements, type StageOptions, type ExcludedItem } from "./stages";
export { buildTrainingSet, type Balance, type SelectedJudgement, type TrainSetStats } from "./train-set";
export { evaluateJudgements, majorityVerdict, type JudgeEvaluation } from "./evaluate";
export { runSelfTaughtLoop, readIterations, makePairs, withJudgeEndpoint, type LoopOptions, type LoopResult, type IterationRecord, type EvalPairsMode } from "./loop";
export { runStudy, SMALLER_SET, LARGER_SET, type StudyPreset, type StudyOptions, type StudyResult } from "./study";
export { judgeRealPairs, realToSynthetic, toJudgeRecords } from "./real-pairs";
export { evaluateLlmbar, evaluateAlpacaEval, evaluateAutoJ, parseVerdictRecords, type LlmbarJudgeEval, type AlpacaEvalEval, type AutoJEval } from "./real-judges";
export { scoreJudge, scoreVerdict, type Scoring, type JudgeScores } from "./metrics/judge-scores";
export { wilsonInterval, normalQuantile, type Interval } from "./metrics/wilson";
export { iterationRows, accuracyFigure, ratesFigure, realJudgesFigure, type IterationRow, type RealJudgeRow } from "./figures";
export { selfTaughtSimulator, fineTunedParams, summariseTraining, type TrainingSummary } from "./simulator";
export { contentWords, instructionFit } from "./text-fit";
export type { GeneratedResponse, WorseResponse, SyntheticPair, JudgeSample, PairJudgement, PairOrder } from "./types";
export * as judgeData from "../../data/judge/index";

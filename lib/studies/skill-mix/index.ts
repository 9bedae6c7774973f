/**
 * The Skill-Mix study (Yu et al., "Skill-Mix: a flexible and expandable
 * family of evaluations for AI models"): exact reproduction of the original
 * sampling (CPython `random`), prompts, answer extraction, grading parsers,
 * sentence counter and aggregation; an importer for the original run
 * layout; a resumable generation + grading pipeline on the LLM layer; and a
 * simulated student/grader for offline runs. See ./README.md.
 */
export { loadSkills, parseSkills, loadTopics, parseTopics, skillsByName, EXCLUDED_STATUSES, type Skill, type SkillList } from "../../data/skillmix/index";
export { sampleCombinations, sortedCombinations, type Combination, type SamplingOptions } from "./sampling";
export { numberToWords, sentenceLimit, sentencesInWords } from "./number-words";
export { evalbookPrompts, originalPrompts, generationMessages, gradingMessage, rubricItems, skillDescriptions, type SkillMixPrompts, type GradingFormat, type OriginalPromptOptions } from "./prompts";
export { extractAnswer, extractQuotedFirstLine } from "./answer";
export { countSentences } from "./sentences";
export { parseGradingTable, parseGradingLines, extractNumerator, type ParsedGrading, type GradedCriterion } from "./grading-table";
export { normalizePoints, filterExplicitNames, votePoints, roundHalfEven } from "./points";
export { METRICS, DEFAULT_METRICS, metricValue, metricByName, type MetricName } from "./metrics";
export { aggregateSkillMix, votePerGeneration, perSkillRates, meanAndSe, type GradedItem, type AggregateOptions, type AggregateResult, type MetricSummary } from "./aggregate";
export { findOriginalRuns, groupOriginalRuns, readGenerationRecords, readGradedRecords, parseRunDirName, parseGradedDirName, answerFromGradingPrompt, type OriginalRun, type RunGroup, type GradingRun } from "./importer";
export { generateOne, gradeOne, gradedItems, runSkillMixStages, generationId, type GenerationRecord, type GradingRecord, type GenerationOptions, type GradingOptions, type RunOptions, type RunResult } from "./pipeline";
export { skillMixSimulator, cueWords, skillsInPrompt } from "./simulator";
export { pyStrip, pyFloat, pyFormat, utf8AsCp1252 } from "./py-compat";
export { runSkillMixStudy, type SkillMixStudyConfig, type SkillMixKResult } from "./study";
export { writeOriginalLayout, folderName, pyFloatStr, type LayoutOptions } from "./export";
export { metricsVsKFigure, perSkillFigure, metricRows, METRIC_LABELS, type MetricRow } from "./figures";
export { releasedSummary, simulatedSummary, type ReleasedSummary, type SimulatedStudent, type SimulatedRunOptions } from "./released";

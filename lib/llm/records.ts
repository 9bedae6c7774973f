/**
 * Run records: per-stage JSONL files keyed by item id (`openStage`), a
 * resumable stage runner (`runStage`) and the run's `meta.json`.
 */
export { openStage, stageFile, type StageRecords } from "./records/stage-file";
export { runStage, type RunStageOptions, type RunStageResult } from "./records/run-stage";
export { readRunMeta, writeRunMeta, META_FILE, type RunMeta, type RunSession } from "./records/meta";

/**
 * Importers for the aggregated scaling data in ../shared/data/scaling:
 * Pythia/OPT/BLOOM lm-eval results, the original correlations study's model
 * table, the U-shaped per-difficulty Brier tables and the ObsScaling tables.
 */
export { trainingCompute, type ModelInfo, type ScalingScore } from "./types";
export { numberCell, requiredNumberCell } from "./cells";
export { readKoyejolabModels } from "./koyejolab";
export { readPythiaDir, readPythiaFile, describePythiaFile, parseSize, PYTHIA_TOKENS_PER_STEP, OPT_TOKENS, BLOOM_TOKENS, type PythiaFileInfo } from "./pythia";
export { readObsScalingDir, readObsScalingFile, type ImportResult } from "./obsscaling";
export { readUshapedDir, readUshapedFile, describeUshapedFile, type UshapedFileInfo } from "./ushaped";
export { readWideTable, META_COLUMNS, type WideRow } from "./wide-table";

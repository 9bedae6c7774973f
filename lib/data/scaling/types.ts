/** A model (or training checkpoint) with its scale. */
export interface ModelInfo {
  /** Unique name, e.g. "Pythia_70M_2B" or "pythia-70m@step1000". */
  nickname: string;
  /** Model family, e.g. "Pythia". Correlations are computed within a family. */
  family: string;
  /** Parameter count N. */
  parameters: number;
  /** Training tokens D (0 for an untrained checkpoint). */
  tokens: number;
  /** Training compute C = 6 · N · D (FLOPs). */
  compute: number;
  /** Hugging Face path, when known. */
  hfPath?: string;
  /** Hugging Face revision (checkpoint), when known. */
  revision?: string;
}

/** One aggregate score of a model on a benchmark (long format). */
export interface ScalingScore {
  /** Model name as in the source. */
  model: string;
  family?: string;
  /** Parameter count, when known. */
  parameters?: number;
  /** Training tokens, when known. */
  tokens?: number;
  /** Training compute in FLOPs (6·N·D, or the source's own FLOPs column). */
  compute?: number;
  /** Benchmark / task name. */
  task: string;
  /** Metric name ("acc", "acc_norm", "brier", ...). */
  metric: string;
  value: number;
  /** Standard error, when the source gives one. */
  stderr?: number;
  /** Training step of a checkpoint, when known. */
  step?: number;
  /** Few-shot count, when known. */
  shots?: number;
  /** Extra qualifiers of the score (e.g. difficulty group bounds). */
  group?: string;
  /** Source file (relative to the imported directory). */
  source: string;
  /** Annotation the source attaches to the model's row, if any. */
  note?: string;
}

/** Training compute 6·N·D. */
export function trainingCompute(parameters: number, tokens: number): number {
  return 6 * parameters * tokens;
}

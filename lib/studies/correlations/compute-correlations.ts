import { UserError } from "../../util/errors";
import { correlateColumns } from "../../stats/correlate-columns";
import { correlationTest } from "../../stats/p-values";
import type { CorrelationMethod } from "../../stats/correlation";
import { summarizeCorrelations, type CorrelationSummary } from "../../stats/correlation-summary";
import { orientScore } from "./metrics";
import { byFamily, dropUntrained, sortByCompute, type ModelInfo } from "./models";
import type { ScoreMatrix } from "./score-table";

/** Per-sample correlations of one (task, metric, family, method). */
export interface CorrelationResult {
  task?: string;
  metric: string;
  family: string;
  method: CorrelationMethod;
  /** Models used, sorted by compute (untrained checkpoints removed). */
  models: string[];
  /** log10 compute of `models`. */
  log10Compute: number[];
  /** Models of the family dropped for zero compute (as the original). */
  dropped: string[];
  sampleIds: number[];
  /** Correlation of each sample's (oriented) scores with log10 compute; NaN for constant scores. */
  correlations: Float64Array;
  /** Two-sided p-value of each correlation (scipy's), when requested with `pValues: true`. */
  pValues?: Float64Array;
  summary: CorrelationSummary;
}

/**
 * Correlate each sample's scores with log10 compute across the models of each
 * family, as the original `03_correlations_between_sample_scores_and_compute`
 * runs: models sorted by compute, zero-compute checkpoints dropped, Brier
 * scores negated, then `method`(log10 compute, scores) per sample and the
 * distribution summary. Models present in the scores but absent from the
 * registry are a UserError (nothing is dropped silently); registry models
 * without scores are not used. Families with fewer than 2 scored models are skipped.
 * With `pValues: true` each correlation's two-sided p-value (as scipy) is added,
 * as the original logs them.
 */
export function correlateWithCompute(matrix: ScoreMatrix, registry: ModelInfo[], method: CorrelationMethod, options: { families?: string[]; pValues?: boolean } = {}): CorrelationResult[] {
  const known = new Map(registry.map((m) => [m.nickname, m]));
  const unknown = matrix.models.filter((m) => !known.has(m));
  if (unknown.length) {
    throw new UserError("models without an entry in the model registry: " + unknown.slice(0, 5).join(", ") + (unknown.length > 5 ? " and " + (unknown.length - 5) + " more" : ""));
  }
  const row = new Map(matrix.models.map((m, i) => [m, i]));
  const scored = matrix.models.map((m) => known.get(m)!);
  const results: CorrelationResult[] = [];
  const nCols = matrix.sampleIds.length;
  for (const [family, members] of byFamily(scored)) {
    if (options.families && !options.families.includes(family)) continue;
    const { kept, dropped } = dropUntrained(sortByCompute(members));
    if (kept.length < 2) continue;
    const x = kept.map((m) => Math.log10(m.compute));
    const sub = new Float64Array(kept.length * nCols);
    kept.forEach((m, i) => {
      const src = row.get(m.nickname)! * nCols;
      for (let j = 0; j < nCols; j++) sub[i * nCols + j] = orientScore(matrix.metric, matrix.values[src + j]);
    });
    const correlations = correlateColumns(method, x, sub, kept.length, nCols);
    const r: CorrelationResult = {
      metric: matrix.metric,
      family,
      method,
      models: kept.map((m) => m.nickname),
      log10Compute: x,
      dropped: dropped.map((m) => m.nickname),
      sampleIds: matrix.sampleIds,
      correlations,
      summary: summarizeCorrelations(correlations),
    };
    if (options.pValues) {
      const p = new Float64Array(nCols);
      const col = new Float64Array(kept.length);
      for (let j = 0; j < nCols; j++) {
        for (let i = 0; i < kept.length; i++) col[i] = sub[i * nCols + j];
        p[j] = correlationTest(method, x, col).pvalue;
      }
      r.pValues = p;
    }
    if (matrix.task !== undefined) r.task = matrix.task;
    results.push(r);
  }
  return results;
}

import type { ScalingScore } from "../../data/scaling/types";
import type { ScoreMatrix } from "./score-table";
import type { ModelInfo } from "./models";

/** One point of an aggregate scaling curve. */
export interface CurvePoint {
  family: string;
  model: string;
  task: string;
  metric: string;
  /** Training compute (FLOPs). */
  compute: number;
  log10Compute: number;
  value: number;
  step?: number;
  parameters?: number;
}

/**
 * Aggregate scaling curves from imported scores (e.g. Pythia per-checkpoint
 * accuracy): the rows of the chosen tasks / metric / few-shot count with a
 * positive compute, sorted by family, model and compute. Zero-compute
 * checkpoints (step 0) are excluded, as in the correlation analysis; the
 * number excluded is returned.
 */
export function scalingCurves(scores: ScalingScore[], options: { tasks?: string[]; metric?: string; shots?: number; families?: string[] } = {}): { points: CurvePoint[]; zeroCompute: number } {
  const metric = options.metric ?? "acc";
  const points: CurvePoint[] = [];
  let zeroCompute = 0;
  for (const s of scores) {
    if (s.metric !== metric) continue;
    if (options.tasks && !options.tasks.includes(s.task)) continue;
    if (options.shots !== undefined && s.shots !== options.shots) continue;
    if (options.families && !options.families.includes(s.family ?? "")) continue;
    if (s.compute === undefined) continue;
    if (!(s.compute > 0)) {
      zeroCompute++;
      continue;
    }
    const p: CurvePoint = { family: s.family ?? "", model: s.model, task: s.task, metric, compute: s.compute, log10Compute: Math.log10(s.compute), value: s.value };
    if (s.step !== undefined) p.step = s.step;
    if (s.parameters !== undefined) p.parameters = s.parameters;
    points.push(p);
  }
  points.sort((a, b) => (a.family < b.family ? -1 : a.family > b.family ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : a.compute - b.compute));
  return { points, zeroCompute };
}

/** Mean score of each model (over samples, NaN ignored) against log10 compute, for one score matrix. */
export function meanScoreByModel(matrix: ScoreMatrix, registry: ModelInfo[]): { model: string; family: string; log10Compute: number; mean: number; metric: string }[] {
  const byName = new Map(registry.map((m) => [m.nickname, m]));
  const ns = matrix.sampleIds.length;
  const out: { model: string; family: string; log10Compute: number; mean: number; metric: string }[] = [];
  matrix.models.forEach((name, i) => {
    const m = byName.get(name);
    if (!m || !(m.compute > 0)) return;
    let s = 0;
    let n = 0;
    for (let j = 0; j < ns; j++) {
      const v = matrix.values[i * ns + j];
      if (v === v) {
        s += v;
        n++;
      }
    }
    out.push({ model: name, family: m.family, log10Compute: Math.log10(m.compute), mean: n ? s / n : NaN, metric: matrix.metric });
  });
  return out.sort((a, b) => a.log10Compute - b.log10Compute);
}

/**
 * Complementary ECDF (survival function) of correlations as step points for
 * plotting: (−1, 1), then (q_k, sf_k) at each distinct finite correlation,
 * ending at (1, 0). NaN correlations are excluded (as in the statistics).
 */
export function survivalPoints(correlations: ArrayLike<number>): { x: number; sf: number }[] {
  const finite: number[] = [];
  for (let i = 0; i < correlations.length; i++) if (Number.isFinite(correlations[i])) finite.push(correlations[i]);
  finite.sort((a, b) => a - b);
  const n = finite.length;
  const pts: { x: number; sf: number }[] = [{ x: -1, sf: 1 }];
  if (n === 0) return pts;
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && finite[i + 1] === finite[i]) continue;
    pts.push({ x: finite[i], sf: (n - (i + 1)) / n });
  }
  if (pts[pts.length - 1].x < 1) pts.push({ x: 1, sf: 0 });
  return pts;
}

import { takeRows, type Matrix } from "../../ml/matrix";
import { defaultFamilies, type PredictorFamily, type TextPredictor } from "./predictors";
import { groupSplit, leaveOneCategoryOut, distinctCategories, randomSplit, ORIGINAL_SEEDS, type Split } from "./splits";

/** A labelled dataset of the study: one text (instruction) and one score per item. */
export interface PerfPredData {
  /** What it is, e.g. "BBH code-davinci-002 CoT accuracy". */
  label: string;
  ids: string[];
  texts: string[];
  y: number[];
  categories: string[];
  /** Group of each item for by-task splits (defaults to ids). */
  groups?: string[];
  /** True when the scores come from the simulated model. */
  simulated?: boolean;
  /** Optional embedding of each text (rows aligned with texts). */
  embeddings?: Matrix;
}

/** Options of {@link runExperiment}. */
export interface ExperimentOptions {
  /** Split seeds (default 42–51). */
  seeds?: readonly number[];
  /** "random" (default), "task" (by group) or "category" (leave one category out; seeds[0] used for dev). */
  mode?: "random" | "task" | "category";
  families?: PredictorFamily[];
  /** Held-out sizes of the random split (default: the original's 20% / half). */
  evalSize?: number;
  testSize?: number;
}

/** One (family, split) outcome. */
export interface SplitResult {
  family: string;
  split: string;
  seed: number;
  /** The configuration chosen by dev MSE. */
  chosen: string;
  devMse: number;
  testRmse: number;
  test: { index: number; id: string; category: string; actual: number; predicted: number }[];
}

/** Mean and population standard deviation of test RMSE over splits. */
export interface FamilySummary {
  family: string;
  splits: number;
  meanRmse: number;
  stdRmse: number;
  /** Mean RMSE of the family minus that of the mean baseline (negative = better). */
  vsBaseline: number;
}

export interface ExperimentResult {
  data: { label: string; n: number; simulated: boolean };
  mode: string;
  results: SplitResult[];
  summary: FamilySummary[];
}

function mse(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
  return s / y.length;
}

/** Population mean and standard deviation (divide by N, as numpy's default). */
export function meanStd(v: readonly number[]): { mean: number; std: number } {
  if (v.length === 0) return { mean: NaN, std: NaN };
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const s = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
  return { mean: m, std: s };
}

function splitsFor(data: PerfPredData, opts: ExperimentOptions): { split: Split; seed: number }[] {
  const seeds = opts.seeds ?? ORIGINAL_SEEDS;
  const mode = opts.mode ?? "random";
  const sizes = { evalSize: opts.evalSize, testSize: opts.testSize };
  if (mode === "random") return seeds.map((seed) => ({ split: randomSplit(data.texts.length, seed, sizes), seed }));
  if (mode === "task") return seeds.map((seed) => ({ split: groupSplit(data.groups ?? data.ids, seed, sizes), seed }));
  return distinctCategories(data.categories).filter((c) => data.categories.filter((x) => x === c).length < data.categories.length - 1).map((c) => ({ split: leaveOneCategoryOut(data.categories, c, seeds[0]), seed: seeds[0] }));
}

/**
 * Run the study on a dataset: for each split and predictor family, fit
 * every grid configuration on train, choose the one with the lowest dev
 * MSE (first on ties), and report its test RMSE; then the mean and
 * population std of test RMSE per family over the splits.
 */
export function runExperiment(data: PerfPredData, opts: ExperimentOptions = {}): ExperimentResult {
  const n = data.texts.length;
  if (data.y.length !== n || data.ids.length !== n || data.categories.length !== n) throw new RangeError("ids, texts, y and categories must have the same length");
  for (let i = 0; i < n; i++) if (!Number.isFinite(data.y[i])) throw new RangeError("score of item " + data.ids[i] + " is not a finite number");
  const families = opts.families ?? defaultFamilies({ embeddings: data.embeddings !== undefined });
  const results: SplitResult[] = [];
  for (const { split, seed } of splitsFor(data, opts)) {
    const pick = (idx: number[]) => ({ texts: idx.map((i) => data.texts[i]), y: idx.map((i) => data.y[i]), emb: data.embeddings ? takeRows(data.embeddings, idx) : undefined });
    const tr = pick(split.train);
    const dv = pick(split.dev);
    const te = pick(split.test);
    const cache = new Map<string, unknown>();
    for (const fam of families) {
      let best: { p: TextPredictor; dev: number } | undefined;
      for (const cfg of fam.grid) {
        const p = cfg.fit({ texts: tr.texts, embeddings: tr.emb, y: tr.y, seed, cache });
        const d = mse(p.predict(dv.texts, dv.emb), dv.y);
        if (!best || d < best.dev) best = { p, dev: d };
      }
      if (!best) continue;
      const pred = best.p.predict(te.texts, te.emb);
      results.push({
        family: fam.name,
        split: split.label,
        seed,
        chosen: best.p.name,
        devMse: best.dev,
        testRmse: Math.sqrt(mse(pred, te.y)),
        test: split.test.map((i, k) => ({ index: i, id: data.ids[i], category: data.categories[i], actual: data.y[i], predicted: pred[k] })),
      });
    }
  }
  const base = meanStd(results.filter((r) => r.family === "mean").map((r) => r.testRmse)).mean;
  const summary = families.map((f) => {
    const v = results.filter((r) => r.family === f.name).map((r) => r.testRmse);
    const { mean, std } = meanStd(v);
    return { family: f.name, splits: v.length, meanRmse: mean, stdRmse: std, vsBaseline: mean - base };
  });
  return { data: { label: data.label, n, simulated: data.simulated ?? false }, mode: opts.mode ?? "random", results, summary };
}

/** Test errors per category, pooled over splits: RMSE and count per (family, category). */
export function errorsByCategory(result: ExperimentResult): { family: string; category: string; n: number; rmse: number }[] {
  const acc = new Map<string, { family: string; category: string; n: number; se: number }>();
  for (const r of result.results) {
    for (const t of r.test) {
      const k = r.family + "\u0000" + t.category;
      const a = acc.get(k) ?? { family: r.family, category: t.category, n: 0, se: 0 };
      a.n++;
      a.se += (t.predicted - t.actual) ** 2;
      acc.set(k, a);
    }
  }
  return [...acc.values()].map((a) => ({ family: a.family, category: a.category, n: a.n, rmse: Math.sqrt(a.se / a.n) }));
}

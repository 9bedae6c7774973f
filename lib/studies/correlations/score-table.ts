import { readJsonlRows } from "../../io/jsonl";
import { InputError } from "../../util/errors";
import type { ScoreRow } from "./log-samples";

/** Scores of one (task, metric): models × samples, row-major by model; NaN where a score is missing. */
export interface ScoreMatrix {
  task?: string;
  metric: string;
  /** Model nicknames (row order). */
  models: string[];
  /** Sample indices (column order, ascending). */
  sampleIds: number[];
  /** models.length × sampleIds.length values. */
  values: Float64Array;
  /** Number of (model, sample) cells with no score (NaN in `values`). */
  missing: number;
}

/**
 * Read a per-sample score table (JSON Lines `{model, task?, sample_idx,
 * metric, score}`, as written by `evalbook correlations scores`). A null
 * score (how JSON writes NaN) and NaN tokens are read as NaN. Missing fields
 * are InputErrors with file, line and field.
 */
export function readScoreRows(file: string): { row: ScoreRow; line: number }[] {
  return readJsonlRows<Record<string, unknown>>(file, { allowNaN: true }).map(({ line, value: r }) => {
    const where = { file, line };
    if (typeof r.model !== "string" || r.model === "") throw new InputError({ ...where, field: "model" }, "expected the model nickname (a non-empty string)");
    if (typeof r.sample_idx !== "number" || !Number.isInteger(r.sample_idx)) throw new InputError({ ...where, field: "sample_idx" }, "expected an integer, found " + JSON.stringify(r.sample_idx));
    if (typeof r.metric !== "string" || r.metric === "") throw new InputError({ ...where, field: "metric" }, "expected a metric name");
    if (r.task !== undefined && typeof r.task !== "string") throw new InputError({ ...where, field: "task" }, "expected a string");
    const score = r.score === null ? NaN : r.score;
    if (typeof score !== "number") throw new InputError({ ...where, field: "score" }, "expected a number or null, found " + JSON.stringify(r.score));
    const row: ScoreRow = { model: r.model, sample_idx: r.sample_idx, metric: r.metric, score };
    if (typeof r.task === "string") row.task = r.task;
    if (r.simulated === true) row.simulated = true;
    return { row, line };
  });
}

/**
 * Pivot long score rows into one models × samples matrix per (task, metric),
 * as the original's `pivot(index="Model Nickname", columns="sample_idx")`:
 * a (model, sample) pair with no row is NaN (counted in `missing`); a pair
 * given twice is an InputError (pandas raises there too).
 */
export function pivotScores(rows: { row: ScoreRow; line?: number }[], file = "(scores)"): ScoreMatrix[] {
  interface Acc {
    task?: string;
    metric: string;
    models: Map<string, number>;
    samples: Set<number>;
    cells: Map<string, { v: number; line?: number }>;
  }
  const groups = new Map<string, Acc>();
  for (const { row, line } of rows) {
    if (row.model === undefined) throw new InputError({ file, ...(line !== undefined ? { line } : {}), field: "model" }, "score rows need a model");
    const key = (row.task ?? "") + "\u0000" + row.metric;
    let g = groups.get(key);
    if (!g) {
      g = { task: row.task, metric: row.metric, models: new Map(), samples: new Set(), cells: new Map() };
      groups.set(key, g);
    }
    if (!g.models.has(row.model)) g.models.set(row.model, g.models.size);
    g.samples.add(row.sample_idx);
    const ck = row.model + "\u0000" + row.sample_idx;
    const prev = g.cells.get(ck);
    if (prev) {
      throw new InputError({ file, ...(line !== undefined ? { line } : {}), field: "sample_idx" },
        "duplicate score for model '" + row.model + "', sample " + row.sample_idx + ", metric '" + row.metric + "'" + (prev.line !== undefined ? " (first on line " + prev.line + ")" : ""));
    }
    g.cells.set(ck, { v: row.score, line });
  }
  const out: ScoreMatrix[] = [];
  for (const g of groups.values()) {
    const models = Array.from(g.models.keys());
    const sampleIds = Array.from(g.samples).sort((a, b) => a - b);
    const col = new Map<number, number>();
    sampleIds.forEach((s, j) => col.set(s, j));
    const values = new Float64Array(models.length * sampleIds.length).fill(NaN);
    for (const [ck, { v }] of g.cells) {
      const sep = ck.lastIndexOf("\u0000");
      const i = g.models.get(ck.slice(0, sep))!;
      const j = col.get(Number(ck.slice(sep + 1)))!;
      values[i * sampleIds.length + j] = v;
    }
    const m: ScoreMatrix = { metric: g.metric, models, sampleIds, values, missing: models.length * sampleIds.length - g.cells.size };
    if (g.task !== undefined) m.task = g.task;
    out.push(m);
  }
  return out;
}

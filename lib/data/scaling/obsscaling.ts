import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../../util/errors";
import { noteOf, readWideTable, type WideRow } from "./wide-table";
import type { ScalingScore } from "./types";

/** Result of an import: the scores plus how many cells were blank (missing, not dropped rows). */
export interface ImportResult {
  scores: ScalingScore[];
  /** Blank score cells (missing values in the source). */
  missing: number;
  /** Files read, relative to the imported directory. */
  files: string[];
}

function toScores(rows: WideRow[], source: string, metaByModel?: Map<string, WideRow>): ScalingScore[] {
  const out: ScalingScore[] = [];
  for (const r of rows) {
    const meta = r.family !== undefined || r.parameters !== undefined ? r : metaByModel?.get(r.model) ?? r;
    for (const [task, value] of r.scores) {
      const s: ScalingScore = { model: r.model, task, metric: "score", value, source };
      if (meta.family !== undefined) s.family = meta.family;
      if (meta.parameters !== undefined) s.parameters = meta.parameters;
      if (meta.tokens !== undefined) s.tokens = meta.tokens;
      if (meta.compute !== undefined) s.compute = meta.compute;
      if (r.note !== undefined || r.duplicateOf !== undefined) s.note = noteOf(r);
      out.push(s);
    }
  }
  return out;
}

/**
 * Import one ObsScaling table (`eval_results/*.csv`: `Model`, optional
 * Model Family / Model Size (B) / Pretraining Data Size (T) / FLOPs (1E21),
 * then one column per benchmark, scores in [0, 1] except Elo-like columns).
 * Compute is the table's FLOPs column (×1e21), as ObsScaling reports it.
 */
export function readObsScalingFile(file: string, source = path.basename(file)): ImportResult {
  const t = readWideTable(file);
  return { scores: toScores(t.rows, source), missing: t.rows.reduce((a, r) => a + r.missing, 0), files: [source] };
}

/**
 * Import a directory of ObsScaling tables (the `scaling/obsscaling` folder or
 * its `eval_results/`). Tables without metadata columns (emergent-capability,
 * leaderboard v2, post-training, agent tables) get family, size, tokens and
 * FLOPs from `base_llm_benchmark_eval.csv` / `instruct_llm_benchmark_eval.csv`
 * by model name, when present.
 */
export function readObsScalingDir(dir: string): ImportResult {
  const base = fs.existsSync(path.join(dir, "eval_results")) ? path.join(dir, "eval_results") : dir;
  if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) throw new InputError({ file: dir }, "not a directory");
  const files = fs.readdirSync(base).filter((f) => f.endsWith(".csv")).sort();
  if (files.length === 0) throw new InputError({ file: base }, "no .csv tables found");
  const tables = files.map((f) => ({ f, t: readWideTable(path.join(base, f)) }));
  const meta = new Map<string, WideRow>();
  for (const { t } of tables) for (const r of t.rows) if (r.family !== undefined && !meta.has(r.model)) meta.set(r.model, r);
  const scores: ScalingScore[] = [];
  let missing = 0;
  for (const { f, t } of tables) {
    scores.push(...toScores(t.rows, f, meta));
    missing += t.rows.reduce((a, r) => a + r.missing, 0);
  }
  return { scores, missing, files };
}

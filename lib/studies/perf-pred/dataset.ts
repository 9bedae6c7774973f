import { formatCsv } from "../../io/csv";
import type { SuperniTask } from "../../data/superni/types";
import type { TaskScores } from "./evaluate";

/** The original dataset's columns, in order. */
export const DATASET_COLUMNS = ["task", "definition", "category", "predict_rougeL", "predict_exact_match", "predict_avg_loss"] as const;

/** One row of the study's dataset. */
export interface DatasetRow {
  task: string;
  definition: string;
  /** The task's first category (SuperNI tasks list one in all but a few cases). */
  category: string;
  predict_rougeL: number;
  predict_exact_match: number;
  predict_avg_loss: number;
}

/**
 * Build the dataset rows in the original order: the order of `order` (the
 * test-task list), each task's definition and first category, and its
 * scores. A task in the list without task data or without scores is an
 * error (never silently dropped); pass `skipMissing` to leave such tasks out
 * and get their names back.
 */
export function buildDataset(order: readonly string[], tasks: readonly SuperniTask[], scores: readonly TaskScores[], options: { skipMissing?: boolean } = {}): { rows: DatasetRow[]; missing: string[] } {
  const byTask = new Map(tasks.map((t) => [t.task, t]));
  const byScore = new Map(scores.map((s) => [s.task, s]));
  const rows: DatasetRow[] = [];
  const missing: string[] = [];
  for (const name of order) {
    const t = byTask.get(name);
    const s = byScore.get(name);
    if (!t || !s || s.n === 0) {
      if (!options.skipMissing) throw new RangeError("task '" + name + "' has " + (!t ? "no task data" : "no scores"));
      missing.push(name);
      continue;
    }
    rows.push({ task: name, definition: t.definition, category: t.categories[0] ?? "", predict_rougeL: s.rougeL, predict_exact_match: s.exactMatch, predict_avg_loss: s.avgLoss });
  }
  return { rows, missing };
}

/** The dataset as CSV text with the original columns (NaN written as empty cells). */
export function datasetCsv(rows: readonly DatasetRow[]): string {
  const clean = rows.map((r) => {
    const o: Record<string, unknown> = { ...r };
    for (const c of ["predict_rougeL", "predict_exact_match", "predict_avg_loss"]) if (Number.isNaN(o[c] as number)) o[c] = "";
    return o;
  });
  return formatCsv(clean, [...DATASET_COLUMNS]);
}

import * as path from "node:path";
import { loadBbhRelease } from "../../data/bbh/index";
import { loadSelfInstructRelease } from "../../data/self-instruct/index";
import { rougeL } from "../../metrics/rouge-l";
import type { DatasetRow } from "./dataset";
import type { PerfPredData } from "./experiment";

/**
 * Real labels from self_instruct: per-instruction ROUGE-L (stemmed, x100)
 * of a GPT-3 variant's response against the reference output; text = the
 * instruction, category = its motivation app. `model` is one of the eight
 * model names, or "mean" (default) for the mean over all of them.
 */
export function selfInstructData(dir: string, model = "mean"): PerfPredData {
  const rel = loadSelfInstructRelease(dir);
  const models = model === "mean" ? rel.models : rel.models.filter((m) => m.model === model);
  if (models.length === 0) throw new RangeError("no predictions for model '" + model + "' (have: " + rel.models.map((m) => m.model).join(", ") + ")");
  const y = rel.instructions.map((_, i) => models.reduce((s, m) => s + 100 * rougeL(m.predictions[i].response, m.predictions[i].target, { stem: true }), 0) / models.length);
  return {
    label: "self_instruct ROUGE-L of " + (model === "mean" ? "the mean of " + models.length + " GPT-3 variants" : model),
    ids: rel.instructions.map((x) => x.id),
    texts: rel.instructions.map((x) => x.instruction),
    y,
    categories: rel.instructions.map((x) => x.motivationApp),
  };
}

/** Per-model self_instruct datasets (one per GPT-3 variant), by model name. */
export function selfInstructModels(dir: string): string[] {
  return loadSelfInstructRelease(dir).models.map((m) => m.model);
}

/**
 * Real labels from BIG-Bench Hard: per-task accuracy (percent) of
 * code-davinci-002, direct answer or chain-of-thought; text = the task
 * description (line 3 of its CoT prompt file). Tasks that are variants of
 * one another (logical_deduction_{three,five,seven}_objects, ...) share a
 * group and a category, for by-task splits.
 */
export function bbhData(dir: string, mode: "direct" | "cot" = "cot"): PerfPredData {
  const recs = loadBbhRelease(dir);
  const family = (t: string) => t.replace(/_(three|five|seven)_objects$/, "");
  return {
    label: "BBH code-davinci-002 " + (mode === "cot" ? "chain-of-thought" : "direct-answer") + " accuracy",
    ids: recs.map((r) => r.task),
    texts: recs.map((r) => r.description),
    y: recs.map((r) => (mode === "cot" ? r.cot : r.direct)),
    categories: recs.map((r) => family(r.task)),
    groups: recs.map((r) => family(r.task)),
  };
}

/** A study dataset (rows with the original columns) as experiment data, predicting `target`. */
export function datasetData(rows: readonly DatasetRow[], target: "predict_rougeL" | "predict_exact_match" | "predict_avg_loss" = "predict_rougeL", label = "perf-pred dataset", simulated = false): PerfPredData {
  const keep = rows.filter((r) => Number.isFinite(r[target]));
  if (keep.length !== rows.length) throw new RangeError((rows.length - keep.length) + " rows have no " + target + " value");
  return {
    label: label + " (" + target + ")",
    ids: rows.map((r) => r.task),
    texts: rows.map((r) => r.definition),
    y: rows.map((r) => r[target]),
    categories: rows.map((r) => r.category),
    simulated,
  };
}

/** Paths of the real data inside a shared-data folder. */
export function realPaths(shared: string): { selfInstruct: string; bbh: string; superni: string; superniList: string } {
  return {
    selfInstruct: path.join(shared, "self_instruct"),
    bbh: path.join(shared, "bbh"),
    superni: path.join(shared, "superni", "test_tasks.jsonl"),
    superniList: path.join(shared, "superni", "splits", "default", "test_tasks.txt"),
  };
}

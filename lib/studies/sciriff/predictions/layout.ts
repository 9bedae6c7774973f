import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../../util/errors";
import { taskByName } from "../tasks";

/** What was found for one (model, task). */
export interface TaskRun {
  model: string;
  task: string;
  dir: string;
  /** lm-eval sample log, when present. */
  predictionFile?: string;
  /** lm-eval run summaries (results_*.json). */
  runSummaries: string[];
  /** OpenAI Batch API output of an earlier judge run (`lm_judge_raw.json`). */
  judgeRawFile?: string;
}

function isPredictionName(name: string): boolean {
  return name.endsWith(".jsonl") && (name === "raw_predictions.jsonl" || name.includes("samples_") || name.includes("pretrained__") || name.includes("model__"));
}

function listDir(dir: string): fs.Dirent[] {
  return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => !d.name.startsWith("."));
}

/**
 * The sample log of one task directory, as SciRIFF's `get_prediction_file`:
 * a file named raw_predictions.jsonl or containing "samples_",
 * "pretrained__" or "model__", in the directory or else in its only
 * sub-directory (lm-eval's `<model>/` folder). Several candidates are an
 * error; none gives undefined.
 */
export function findPredictionFile(taskDir: string): string | undefined {
  const here = listDir(taskDir).filter((d) => d.isFile() && isPredictionName(d.name));
  if (here.length > 1) throw new UserError("several prediction files in " + taskDir + ": " + here.map((d) => d.name).join(", "));
  if (here.length === 1) return path.join(taskDir, here[0].name);
  const subdirs = listDir(taskDir).filter((d) => d.isDirectory());
  if (subdirs.length !== 1) return undefined;
  const sub = path.join(taskDir, subdirs[0].name);
  const inner = listDir(sub).filter((d) => d.isFile() && isPredictionName(d.name));
  if (inner.length > 1) throw new UserError("several prediction files in " + sub + ": " + inner.map((d) => d.name).join(", "));
  return inner.length === 1 ? path.join(sub, inner[0].name) : undefined;
}

function runSummaries(taskDir: string): string[] {
  const out: string[] = [];
  for (const d of listDir(taskDir)) {
    const p = path.join(taskDir, d.name);
    if (d.isFile() && /^results_.*\.json$/.test(d.name)) out.push(p);
    else if (d.isDirectory()) for (const e of listDir(p)) if (e.isFile() && /^results_.*\.json$/.test(e.name)) out.push(path.join(p, e.name));
  }
  return out.sort();
}

function taskDirs(dir: string): string[] {
  return listDir(dir).filter((d) => d.isDirectory() && taskByName(d.name) !== undefined).map((d) => d.name).sort();
}

/**
 * Discover (model, task) runs under a prediction directory. Two layouts:
 * `DIR/<task>/...` (one model, named after DIR) or `DIR/<model>/<task>/...`.
 * Only folders named after one of the nine tasks count as task folders.
 */
export function discoverRuns(predDir: string): TaskRun[] {
  if (!fs.existsSync(predDir) || !fs.statSync(predDir).isDirectory()) throw new UserError("prediction directory not found: " + predDir);
  const make = (model: string, modelDir: string): TaskRun[] =>
    taskDirs(modelDir).map((task) => {
      const dir = path.join(modelDir, task);
      const judge = path.join(dir, "lm_judge_raw.json");
      const run: TaskRun = { model, task, dir, predictionFile: findPredictionFile(dir), runSummaries: runSummaries(dir) };
      if (fs.existsSync(judge)) run.judgeRawFile = judge;
      return run;
    });
  const direct = taskDirs(predDir);
  if (direct.length > 0) return make(path.basename(path.resolve(predDir)), predDir);
  const runs: TaskRun[] = [];
  for (const d of listDir(predDir).filter((x) => x.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    runs.push(...make(d.name, path.join(predDir, d.name)));
  }
  if (runs.length === 0) throw new UserError("no SciRIFF task folders (e.g. bioasq_list_qa/) under " + predDir);
  return runs;
}

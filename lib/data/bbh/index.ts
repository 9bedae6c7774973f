/**
 * Loaders for BIG-bench-style JSON tasks and the BIG-Bench Hard release
 * (tasks, code-davinci-002 outputs and accuracies, CoT prompts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readJson } from "../../io/json";
import { readText, splitLines } from "../../io/text";
import { InputError } from "../../util/errors";
import { asObject, objList, pick, str, strList, jsonType } from "../superni/check";

/** One example: `target` lists every correct answer. */
export interface BigBenchExample {
  input: string;
  target: string[];
}

/** A BIG-bench-style JSON task (BBH files or BIG-bench task.json). */
export interface BigBenchTask {
  name: string;
  description?: string;
  examples: BigBenchExample[];
}

/**
 * Load a BIG-bench-style JSON task. Examples carry `target` (string or list)
 * or `target_scores` ({choice: score}; the targets are the choices with the
 * highest score). The name is the task's `name`, else the file name.
 */
export function loadBigBenchTask(file: string): BigBenchTask {
  const obj = asObject(readJson(file), { file }, "a task");
  const examples = objList(obj, ["examples"], { file }, false).map(({ value, where }) => {
    const input = str(value, ["input"], where);
    if ("target" in value) return { input, target: strList(value, ["target"], where) };
    const ts = pick(value, ["target_scores"]);
    if (!ts) throw new InputError({ ...where, field: where.field + ".target" }, "missing field (target or target_scores)");
    const scores = asObject(ts[1], { ...where, field: where.field + ".target_scores" });
    let best = -Infinity;
    for (const [k, s] of Object.entries(scores)) {
      if (typeof s !== "number") throw new InputError({ ...where, field: where.field + ".target_scores." + k }, "expected a number, got " + jsonType(s));
      best = Math.max(best, s);
    }
    const target = Object.keys(scores).filter((k) => scores[k] === best);
    if (target.length === 0) throw new InputError({ ...where, field: where.field + ".target_scores" }, "no choices");
    return { input, target };
  });
  const name = typeof obj.name === "string" ? obj.name : path.basename(file).replace(/\.json$/, "");
  return { name, description: typeof obj.description === "string" ? obj.description : undefined, examples };
}

/** One scored output of a model (BBH `code-davinci-002-outputs/*.json`). */
export interface BbhOutput {
  input: string;
  prediction: string;
  target: string;
}

/** Load a BBH outputs file `{canary, outputs: [{input, prediction, target}]}`. */
export function loadBbhOutputs(file: string): BbhOutput[] {
  const obj = asObject(readJson(file), { file }, "an outputs file");
  return objList(obj, ["outputs"], { file }, false).map(({ value, where }) => ({
    input: str(value, ["input"], where),
    prediction: str(value, ["prediction"], where),
    target: str(value, ["target"], where),
  }));
}

/** Load a BBH `*_eval_metrics.jsonl` (one object `{accuracy, accuracy_with_calc}`, percent). */
export function loadBbhAccuracy(file: string): { accuracy: number; accuracyWithCalc?: number } {
  const lines = splitLines(readText(file)).map((l, i) => ({ l, i })).filter((x) => x.l.trim() !== "");
  if (lines.length !== 1) throw new InputError({ file }, "expected exactly one JSON object, found " + lines.length + " non-empty lines");
  let v: unknown;
  try {
    v = JSON.parse(lines[0].l);
  } catch (e) {
    throw new InputError({ file, line: lines[0].i + 1 }, "invalid JSON: " + (e as Error).message);
  }
  const obj = asObject(v, { file, line: lines[0].i + 1 });
  const where = { file, line: lines[0].i + 1 };
  const acc = obj.accuracy;
  if (typeof acc !== "number" || !Number.isFinite(acc) || acc < 0 || acc > 100) throw new InputError({ ...where, field: "accuracy" }, "expected a percentage in [0, 100]");
  const wc = obj.accuracy_with_calc;
  if (wc !== undefined && typeof wc !== "number") throw new InputError({ ...where, field: "accuracy_with_calc" }, "expected a number");
  return { accuracy: acc, accuracyWithCalc: wc as number | undefined };
}

/** The task description of a BBH CoT prompt file: its third line (after the canary and "-----"). */
export function loadBbhCotDescription(file: string): string {
  const lines = splitLines(readText(file));
  if (lines.length < 3 || lines[1].trim() !== "-----") throw new InputError({ file, line: 2 }, "expected a canary line, '-----', then the task description");
  const d = lines[2].trim();
  if (d === "") throw new InputError({ file, line: 3 }, "empty task description");
  return d;
}

/** Per-task record of the BBH release: description and code-davinci-002 accuracies. */
export interface BbhTaskRecord {
  task: string;
  description: string;
  nExamples: number;
  /** Direct-answer accuracy (percent). */
  direct: number;
  /** Chain-of-thought accuracy (percent). */
  cot: number;
}

/**
 * All 27 tasks of a BBH release directory (`bbh/`, `cot-prompts/`,
 * `code-davinci-002-outputs/code-davinci-002-{direct,cot}/`), sorted by task name.
 * A task missing any piece is an InputError naming the missing file.
 */
export function loadBbhRelease(dir: string): BbhTaskRecord[] {
  const taskDir = path.join(dir, "bbh");
  if (!fs.existsSync(taskDir)) throw new InputError({ file: taskDir }, "no bbh/ task folder");
  const names = fs.readdirSync(taskDir).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, "")).sort();
  const need = (p: string) => {
    if (!fs.existsSync(p)) throw new InputError({ file: p }, "missing file");
    return p;
  };
  return names.map((task) => {
    const acc = (mode: string) => loadBbhAccuracy(need(path.join(dir, "code-davinci-002-outputs", "code-davinci-002-" + mode, task + "_few_shot_template_0-255000_eval_metrics.jsonl"))).accuracy;
    return {
      task,
      description: loadBbhCotDescription(need(path.join(dir, "cot-prompts", task + ".txt"))),
      nExamples: loadBigBenchTask(path.join(taskDir, task + ".json")).examples.length,
      direct: acc("direct"),
      cot: acc("cot"),
    };
  });
}

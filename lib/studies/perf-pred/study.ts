import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startOfflineLLM } from "../../llm/offline";
import type { LLM } from "../../llm/types";
import { loadSuperniTasksJsonl, loadTaskList } from "../../data/superni/load";
import type { SuperniTask } from "../../data/superni/types";
import { buildDataset, type DatasetRow } from "./dataset";
import { evaluateTasks, type EvaluateOptions, type EvaluateResult } from "./evaluate";

/** Options of {@link superniStudyDataset}. */
export interface SuperniStudyOptions extends Omit<EvaluateOptions, "llm" | "tasks" | "runDir"> {
  /** Task file (JSON Lines, SuperNI layout). */
  tasksFile: string;
  /** Optional task list fixing the order and selection (e.g. splits/default/test_tasks.txt). */
  listFile?: string;
  runDir: string;
  /** An LLM client; without one, the simulated `perf-pred` model is started offline. */
  llm?: LLM;
  /** Simulated model string for the offline default. */
  simulatedModel?: string;
  /** At most this many tasks (in list order). */
  maxTasks?: number;
}

/**
 * Evaluate SuperNI-format tasks and build the study's dataset rows (the
 * original columns). Tasks on the list that are not in the task file are
 * reported in `missing` (never silently dropped).
 */
export async function superniStudyDataset(opts: SuperniStudyOptions): Promise<{ rows: DatasetRow[]; missing: string[]; evaluation: EvaluateResult; tasks: SuperniTask[] }> {
  const all = loadSuperniTasksJsonl(opts.tasksFile);
  let order = opts.listFile ? loadTaskList(opts.listFile) : all.map((t) => t.task);
  const have = new Set(all.map((t) => t.task));
  const missing = order.filter((t) => !have.has(t));
  order = order.filter((t) => have.has(t));
  if (opts.maxTasks !== undefined) order = order.slice(0, opts.maxTasks);
  const byName = new Map(all.map((t) => [t.task, t]));
  const tasks = order.map((t) => byName.get(t) as SuperniTask).filter((t) => t.instances.length > 0);
  const empty = order.filter((t) => (byName.get(t) as SuperniTask).instances.length === 0);
  fs.mkdirSync(opts.runDir, { recursive: true });
  const off = opts.llm ? undefined : await startOfflineLLM({ roles: { [opts.role ?? "generator"]: opts.simulatedModel ?? "simulated/perf-pred" }, runDir: opts.runDir });
  try {
    const llm = opts.llm ?? (off as NonNullable<typeof off>).llm;
    const evaluation = await evaluateTasks({ ...opts, llm, tasks, runDir: opts.runDir });
    const { rows } = buildDataset(tasks.map((t) => t.task), tasks, evaluation.scores);
    return { rows, missing: [...missing, ...empty], evaluation, tasks };
  } finally {
    if (off) await off.close();
  }
}

/**
 * A run directory outside the project (in the OS temp folder), used by the
 * notebook by default so that its run records never touch the tree tslab
 * watches while compiling cells.
 */
export function scratchRunDir(name: string): string {
  return path.join(os.tmpdir(), "evalbook-perf-pred", name);
}

/** The default run directory of a study run (under the project's runs/ folder). */
export function defaultRunDir(root: string, name: string): string {
  return path.join(root, "runs", "perf-pred", name);
}

import * as path from "node:path";
import { readJson } from "../../io/json";
import { readJsonlRows } from "../../io/jsonl";
import { readText, splitLines } from "../../io/text";
import { InputError } from "../../util/errors";
import { parseSuperniTask } from "./parse-task";
import type { SuperniTask } from "./types";

/** Load one original SuperNI task file (`tasks/<name>.json`); the name comes from the file name. */
export function loadSuperniTaskFile(file: string): SuperniTask {
  return parseSuperniTask(readJson(file), { file }, path.basename(file).replace(/\.json$/, ""));
}

/** Load a JSON Lines file of tasks (the format of shared/data/superni/test_tasks.jsonl), in file order. */
export function loadSuperniTasksJsonl(file: string): SuperniTask[] {
  const seen = new Map<string, number>();
  return readJsonlRows(file).map((r) => {
    const t = parseSuperniTask(r.value, { file, line: r.line });
    const prev = seen.get(t.task);
    if (prev !== undefined) throw new InputError({ file, line: r.line, field: "task" }, "task '" + t.task + "' repeats line " + prev);
    seen.set(t.task, r.line);
    return t;
  });
}

/** Load a task list (one task name per line, like splits/default/test_tasks.txt). */
export function loadTaskList(file: string): string[] {
  const names: string[] = [];
  splitLines(readText(file)).forEach((l, i) => {
    const name = l.trim();
    if (name === "") return;
    if (/\s/.test(name)) throw new InputError({ file, line: i + 1 }, "a task name cannot contain spaces: '" + name + "'");
    if (names.includes(name)) throw new InputError({ file, line: i + 1 }, "task '" + name + "' listed twice");
    names.push(name);
  });
  if (names.length === 0) throw new InputError({ file }, "no task names");
  return names;
}

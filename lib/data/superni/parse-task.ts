import { InputError, type InputLocation } from "../../util/errors";
import { asObject, objList, pick, str, strList, jsonType } from "./check";
import type { SuperniExample, SuperniInstance, SuperniTask } from "./types";

function examples(obj: Record<string, unknown>, keys: string[], where: InputLocation): SuperniExample[] {
  return objList(obj, keys, where, true).map(({ value, where: w }) => {
    const ex: SuperniExample = { input: str(value, ["input"], w), output: str(value, ["output"], w) };
    const e = pick(value, ["explanation"]);
    if (e && e[1] !== undefined && e[1] !== null) {
      if (typeof e[1] !== "string") throw new InputError({ ...w, field: (w.field ?? "") + ".explanation" }, "expected a string, got " + jsonType(e[1]));
      ex.explanation = e[1];
    }
    return ex;
  });
}

/**
 * Validate one SuperNI task object: either an original task file
 * (`Definition`, `Categories`, `Positive Examples`, `Instances`, ...) or a
 * row of the extracted test_tasks.jsonl (`task`, `definition`,
 * `categories`, `positive_examples`, `instances`, ...). `Definition` may be
 * a string or a list; an instance's `output` a string or a list. `name`
 * supplies the task name for task files (their file name).
 */
export function parseSuperniTask(value: unknown, where: InputLocation, name?: string): SuperniTask {
  const obj = asObject(value, where, "a task");
  let task = name;
  if (task === undefined) task = str(obj, ["task", "Task", "name"], where);
  const definitionParts = strList(obj, ["Definition", "definition"], where);
  if (definitionParts.length === 0) throw new InputError({ ...where, field: "Definition" }, "empty definition list");
  const instances: SuperniInstance[] = objList(obj, ["Instances", "instances"], where, false).map(({ value: v, where: w }) => {
    const idp = pick(v, ["id"]);
    let id: string | null = null;
    if (idp && idp[1] !== null && idp[1] !== undefined) {
      if (typeof idp[1] !== "string") throw new InputError({ ...w, field: w.field + ".id" }, "expected a string or null, got " + jsonType(idp[1]));
      id = idp[1];
    }
    const output = strList(v, ["output"], w);
    if (output.length === 0) throw new InputError({ ...w, field: w.field + ".output" }, "instance has no reference output");
    return { id, input: str(v, ["input"], w), output };
  });
  const np = pick(obj, ["n_instances"]);
  let nInstances = instances.length;
  if (np && np[1] !== undefined && np[1] !== null) {
    if (typeof np[1] !== "number" || !Number.isInteger(np[1]) || np[1] < 0) throw new InputError({ ...where, field: "n_instances" }, "expected a non-negative integer");
    nInstances = np[1];
  }
  return {
    task,
    definition: definitionParts[0],
    definitionParts,
    categories: strList(obj, ["Categories", "categories"], where, []),
    source: strList(obj, ["Source", "source"], where, []),
    domains: strList(obj, ["Domains", "domains"], where, []),
    reasoning: strList(obj, ["Reasoning", "reasoning"], where, []),
    positiveExamples: examples(obj, ["Positive Examples", "positive_examples"], where),
    negativeExamples: examples(obj, ["Negative Examples", "negative_examples"], where),
    instances,
    nInstances,
  };
}

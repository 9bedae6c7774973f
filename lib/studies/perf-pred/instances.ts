import { NumpyRandomState } from "../../random/numpy-random";
import type { SuperniInstance, SuperniTask } from "../../data/superni/types";

/** An instance chosen for evaluation, with its position in the task file. */
export interface SelectedInstance {
  task: string;
  /** Stable id: the instance id, else "<task>-<index in file>". */
  id: string;
  index: number;
  instance: SuperniInstance;
}

/**
 * The instances evaluated for a task: the task's instances shuffled with
 * numpy's legacy `permutation` (seed `seed`), then the first `max` (100 in
 * the original; all when the task has fewer). With `order: "file"`, the
 * first `max` in file order instead (SuperNI's own evaluation convention).
 */
export function selectInstances(task: SuperniTask, max = 100, seed = 42, order: "shuffle" | "file" = "shuffle"): SelectedInstance[] {
  const n = task.instances.length;
  const all = order === "file" ? Array.from({ length: n }, (_, i) => i) : new NumpyRandomState(seed).permutation(n);
  const chosen = all.slice(0, Math.min(max, n));
  return chosen.map((index) => {
    const instance = task.instances[index];
    return { task: task.task, id: instance.id ?? task.task + "-" + index, index, instance };
  });
}

/** Loaders for Super-NaturalInstructions task data. */
export type { SuperniTask, SuperniInstance, SuperniExample } from "./types";
export { parseSuperniTask } from "./parse-task";
export { loadSuperniTaskFile, loadSuperniTasksJsonl, loadTaskList } from "./load";

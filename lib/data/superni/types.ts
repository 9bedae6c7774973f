/** One demonstration of a SuperNI task. */
export interface SuperniExample {
  input: string;
  output: string;
  explanation?: string;
}

/** One evaluation instance; `output` holds every acceptable reference. */
export interface SuperniInstance {
  /** Instance id, or null in the few early-format task files without ids. */
  id: string | null;
  input: string;
  output: string[];
}

/** A Super-NaturalInstructions task. */
export interface SuperniTask {
  /** Task name, e.g. "task893_gap_fill_the_blank_coreference_resolution". */
  task: string;
  /**
   * The definition used in prompts: the first element when the file has a
   * list (as SuperNI's own collator does), else the string.
   */
  definition: string;
  /** All definition strings as in the file. */
  definitionParts: string[];
  categories: string[];
  source: string[];
  domains: string[];
  reasoning: string[];
  positiveExamples: SuperniExample[];
  negativeExamples: SuperniExample[];
  instances: SuperniInstance[];
  /** Instances in the full task (when the file states it; else instances.length). */
  nInstances: number;
}

/** One evaluation instance as the scorers see it (SciRIFF's raw prediction entry). */
export interface PredictionEntry {
  /** lm-eval `doc_id` (or the 0-based position when absent). */
  docId: number | string;
  /** The prompt as sent to the model (`arguments.gen_args_0.arg_0`). */
  prompt: string;
  /** The raw response (`filtered_resps[0]`), before end-of-sequence stripping. */
  response: string;
  /** The gold target (a JSON string for structured tasks). */
  target: string;
  /** SciRIFF instance id (`doc._instance_id`), when present. */
  instanceId?: string;
  /** 1-based line in the source file. */
  line: number;
}

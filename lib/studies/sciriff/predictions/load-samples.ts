import { readJsonlRows } from "../../../io/jsonl";
import { InputError } from "../../../util/errors";
import type { PredictionEntry } from "./sample";

function str(v: unknown, file: string, line: number, field: string): string {
  if (typeof v !== "string") throw new InputError({ file, line, field }, "expected a string, got " + (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v));
  return v;
}

/**
 * Read an lm-evaluation-harness `--log_samples` JSONL file (one record per
 * instance: doc_id, doc, target, arguments, resps, filtered_resps, ...).
 * The prompt is `arguments.gen_args_0.arg_0` (or the older `arguments[0][0]`),
 * the response `filtered_resps[0]`. A record missing one of them is an
 * InputError naming the line and field.
 */
export function loadSamples(file: string): PredictionEntry[] {
  const rows = readJsonlRows<Record<string, unknown>>(file, { allowNaN: true });
  return rows.map(({ line, value: r }, i) => {
    const args = r.arguments as unknown;
    let prompt: unknown;
    if (Array.isArray(args)) prompt = Array.isArray(args[0]) ? args[0][0] : undefined;
    else if (args && typeof args === "object") prompt = ((args as Record<string, unknown>).gen_args_0 as Record<string, unknown> | undefined)?.arg_0;
    if (prompt === undefined) throw new InputError({ file, line, field: "arguments.gen_args_0.arg_0" }, "missing prompt");
    const fr = r.filtered_resps;
    if (!Array.isArray(fr) || fr.length === 0) throw new InputError({ file, line, field: "filtered_resps" }, "expected a non-empty array");
    let response = fr[0];
    if (Array.isArray(response)) response = response[0]; // some harness versions nest one level deeper
    const doc = r.doc as Record<string, unknown> | undefined;
    const docId = typeof r.doc_id === "number" || typeof r.doc_id === "string" ? r.doc_id : i;
    const entry: PredictionEntry = {
      docId,
      prompt: str(prompt, file, line, "arguments.gen_args_0.arg_0"),
      response: str(response, file, line, "filtered_resps[0]"),
      target: str(r.target, file, line, "target"),
      line,
    };
    if (doc && typeof doc._instance_id === "string") entry.instanceId = doc._instance_id;
    return entry;
  });
}

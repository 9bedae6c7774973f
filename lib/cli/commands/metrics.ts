import type { Command } from "../command";
import { readJsonlRows } from "../../io/jsonl";
import { InputError, UsageError } from "../../util/errors";
import { METRIC_NAMES, metricByName } from "../../metrics/registry";

function getField(obj: Record<string, unknown>, field: string): unknown {
  let v: unknown = obj;
  for (const part of field.split(".")) {
    if (v === null || typeof v !== "object" || Array.isArray(v) || !(part in (v as Record<string, unknown>))) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

export const command: Command = {
  name: "metrics",
  summary: "Score predictions in a JSONL file: ROUGE-L (rouge_score 0.1.2), exact match (SuperNI), token F1 (SQuAD).",
  description:
    "Reads FILE.jsonl; for each line takes the prediction (--pred FIELD, a string) and the reference (--ref FIELD, a string or a list of strings: the maximum over them). " +
    "Writes one JSON line per input line: {line, <metric>: score in [0, 1], ...} plus the fields named by --keep. " +
    "The mean over lines x100 of each metric goes to stderr. Fields may be dotted paths (a.b).",
  options: [
    { name: "input", short: "i", type: "string", required: true, placeholder: "FILE.jsonl", description: "JSON Lines input." },
    { name: "pred", type: "string", required: true, placeholder: "FIELD", description: "Field holding the prediction." },
    { name: "ref", type: "string", required: true, placeholder: "FIELD", description: "Field holding the reference (string or list of strings)." },
    { name: "metric", short: "m", type: "list", default: ["rougeL"], placeholder: "NAME", description: "Metric (repeatable): " + METRIC_NAMES.join(", ") + "." },
    { name: "keep", type: "list", placeholder: "FIELD", description: "Copy these input fields to each output line (repeatable)." },
  ],
  examples: [
    "evalbook metrics --input preds.jsonl --pred response --ref target --metric rougeL --metric exact_match",
    "evalbook metrics -i out.jsonl --pred prediction --ref references -m rougeL-nostem -m token_f1 --keep id",
  ],
  run(args, ctx) {
    const file = args.options.input as string;
    const pred = args.options.pred as string;
    const ref = args.options.ref as string;
    const names = args.options.metric as string[];
    for (const n of names) if (!(METRIC_NAMES as readonly string[]).includes(n)) throw new UsageError("--metric must be one of " + METRIC_NAMES.join("|") + ", not '" + n + "'");
    const metrics = names.map((n) => ({ name: n, fn: metricByName(n) }));
    const keep = (args.options.keep as string[]) ?? [];
    const rows = readJsonlRows(file);
    const sums = new Map<string, number>(names.map((n) => [n, 0]));
    // Every line is checked before anything is written: a bad line never leaves partial output.
    const outputs: Record<string, unknown>[] = [];
    for (const { line, value } of rows) {
      const p = getField(value, pred);
      if (typeof p !== "string") throw new InputError({ file, line, field: pred }, p === undefined ? "missing field" : "expected a string");
      const r = getField(value, ref);
      if (!(typeof r === "string" || (Array.isArray(r) && r.length > 0 && r.every((x) => typeof x === "string")))) {
        throw new InputError({ file, line, field: ref }, r === undefined ? "missing field" : "expected a string or a non-empty list of strings");
      }
      const out: Record<string, unknown> = { line };
      for (const k of keep) out[k] = getField(value, k);
      for (const m of metrics) {
        const s = m.fn(p, r as string | string[]);
        out[m.name] = s;
        sums.set(m.name, (sums.get(m.name) as number) + s);
      }
      outputs.push(out);
    }
    for (const out of outputs) ctx.json(out);
    ctx.info("metrics: " + rows.length + " lines; " + names.map((n) => n + " " + ((100 * (sums.get(n) as number)) / rows.length).toFixed(4)).join(", ") + " (mean x100)");
  },
};

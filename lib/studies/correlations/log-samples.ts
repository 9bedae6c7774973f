import * as path from "node:path";
import { readJsonlRows } from "../../io/jsonl";
import { InputError } from "../../util/errors";
import { targetIndex, taskKind, type TaskKind } from "./target-index";
import { scoreChoices } from "./choice-scores";
import { SAMPLE_METRICS, type SampleMetric } from "./metrics";

/** One sample of an lm-evaluation-harness `--log_samples` file, parsed. */
export interface LogSample {
  /** 1-based line in the file. */
  line: number;
  /** `doc_id`: the sample index used throughout the study. */
  docId: number;
  /** Correct choice (0 for single-target tasks). */
  target: number;
  /** Log-likelihood of each choice (`filtered_resps[i][0]`). */
  logLikelihoods: number[];
  /** Greedy flag of each choice (`filtered_resps[i][1]`). */
  isGreedy: boolean[];
  /** Continuation of each choice (`arguments[i][1]`), when logged. */
  continuations?: string[];
  /** Per-sample `acc` / `acc_norm` logged by lm-eval, when present. */
  acc?: number;
  accNorm?: number;
}

/** A per-sample score: the rows of the study's score table. */
export interface ScoreRow {
  /** Model nickname (joins with the model registry). */
  model?: string;
  task?: string;
  sample_idx: number;
  metric: SampleMetric | string;
  score: number;
  /** Set on rows made from a simulated model. */
  simulated?: true;
}

/**
 * The task of an lm-eval samples file from its name
 * (`samples_<task>_<ISO date>.jsonl`, as lm-eval ≥ 0.4.2 writes them), or undefined.
 */
export function taskFromFileName(file: string): string | undefined {
  const m = /^samples_(.+)_\d{4}-\d{2}-\d{2}T[\d\-.:]+\.jsonl$/.exec(path.basename(file));
  return m ? m[1] : undefined;
}

function parseLogLik(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "-inf" || s === "-infinity") return -Infinity;
    if (s === "inf" || s === "infinity") return Infinity;
    if (s === "nan") return NaN;
    if (s !== "" && Number.isFinite(Number(s))) return Number(s);
  }
  return undefined;
}

function parseBool(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "True" || v === "true") return true;
  if (v === "False" || v === "false") return false;
  if (v === 0 || v === 1) return v === 1;
  return undefined;
}

/** `filtered_resps` as [loglik, is_greedy] pairs (lists of [number, bool]; stringified values of newer lm-eval accepted). */
function parseResponses(v: unknown, where: { file: string; line: number }): { ll: number[]; greedy: boolean[] } {
  if (!Array.isArray(v) || v.length === 0) throw new InputError({ ...where, field: "filtered_resps" }, "expected a non-empty list of [loglikelihood, is_greedy] pairs");
  const ll: number[] = [];
  const greedy: boolean[] = [];
  v.forEach((e, i) => {
    let pair = e;
    // `resps` nest each pair once more: [[ll, greedy]]
    if (Array.isArray(pair) && pair.length === 1 && Array.isArray(pair[0])) pair = pair[0];
    const field = "filtered_resps[" + i + "]";
    if (!Array.isArray(pair) || pair.length !== 2) throw new InputError({ ...where, field }, "expected a [loglikelihood, is_greedy] pair, found " + JSON.stringify(e));
    const l = parseLogLik(pair[0]);
    const g = parseBool(pair[1]);
    if (l === undefined || Number.isNaN(l) || l > 0) throw new InputError({ ...where, field }, "log-likelihood must be a number <= 0, found " + JSON.stringify(pair[0]));
    if (g === undefined) throw new InputError({ ...where, field }, "is_greedy must be a boolean, found " + JSON.stringify(pair[1]));
    ll.push(l);
    greedy.push(g);
  });
  return { ll, greedy };
}

/** Continuations from `arguments` (list form `[[context, continuation], …]` or lm-eval ≥ 0.4.3's `{gen_args_i: {arg_0, arg_1}}`). */
function parseContinuations(v: unknown, where: { file: string; line: number }): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  let items: unknown[];
  if (Array.isArray(v)) items = v.map((a) => (Array.isArray(a) ? a[1] : undefined));
  else if (typeof v === "object") {
    const keys = Object.keys(v as object).filter((k) => /^gen_args_\d+$/.test(k));
    keys.sort((a, b) => Number(a.slice(9)) - Number(b.slice(9)));
    items = keys.map((k) => ((v as Record<string, Record<string, unknown>>)[k] ?? {}).arg_1);
  } else throw new InputError({ ...where, field: "arguments" }, "expected a list or object of request arguments");
  return items.map((c, i) => {
    if (typeof c !== "string") throw new InputError({ ...where, field: "arguments[" + i + "]" }, "expected a [context, continuation] pair of strings");
    return c;
  });
}

function optionalScore(v: unknown, where: { file: string; line: number }, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  throw new InputError({ ...where, field }, "expected a number, found " + JSON.stringify(v));
}

/** Options of `readLogSamples`. */
export interface ReadLogSamplesOptions {
  /** Task name (default: from the file name `samples_<task>_<date>.jsonl`). */
  task?: string;
  /** Override the task kind (for multiple-choice tasks the original does not list: target = integer index). */
  kind?: TaskKind;
}

/**
 * Read an lm-evaluation-harness `--log_samples` JSONL file of a
 * log-likelihood task. Each row needs `doc_id`, `target` and `filtered_resps`
 * (and `arguments` for anli/pubmedqa targets; `doc.answer` for
 * winogrande/xwinograd_en). Duplicate doc_ids and malformed rows are
 * InputErrors with file, line and field.
 */
export function readLogSamples(file: string, options: ReadLogSamplesOptions = {}): { task: string; kind: TaskKind; samples: LogSample[] } {
  const task = options.task ?? taskFromFileName(file);
  if (!task) throw new InputError({ file }, "cannot tell the task from the file name (expected samples_<task>_<date>.jsonl): pass the task name");
  const kind = options.kind ?? taskKind(task);
  if (!kind) {
    throw new InputError({ file }, "task '" + task + "' is not scored from log-likelihoods by the study (multiple-choice: arc, hellaswag, mmlu*, piqa, sciq, winogrande, …; single target: lambada, asdiv); choose a kind explicitly for other multiple-choice tasks");
  }
  const rows = readJsonlRows<Record<string, unknown>>(file, { allowNaN: true });
  const seen = new Map<number, number>();
  const samples = rows.map(({ line, value: r }) => {
    const where = { file, line };
    const docId = r.doc_id;
    if (typeof docId !== "number" || !Number.isInteger(docId) || docId < 0) throw new InputError({ ...where, field: "doc_id" }, "expected a non-negative integer, found " + JSON.stringify(docId));
    const prev = seen.get(docId);
    if (prev !== undefined) throw new InputError({ ...where, field: "doc_id" }, "duplicate doc_id " + docId + " (first on line " + prev + ")");
    seen.set(docId, line);
    const { ll, greedy } = parseResponses(r.filtered_resps, where);
    const continuations = parseContinuations(r.arguments, where);
    if (continuations && continuations.length !== ll.length) {
      throw new InputError({ ...where, field: "filtered_resps" }, ll.length + " responses for " + continuations.length + " request arguments");
    }
    let target = 0;
    if (kind === "multiple_choice") {
      if ((task.startsWith("anli") || task === "pubmedqa") && !continuations) {
        throw new InputError({ ...where, field: "arguments" }, "needed to find the target of " + task);
      }
      target = targetIndex(task, { target: r.target, doc: r.doc, continuations: continuations ?? ll.map(() => "") }, where);
    } else if (ll.length !== 1) {
      throw new InputError({ ...where, field: "filtered_resps" }, "single-target task '" + task + "' expects one response, found " + ll.length);
    }
    const s: LogSample = { line, docId, target, logLikelihoods: ll, isGreedy: greedy };
    if (continuations) s.continuations = continuations;
    const acc = optionalScore(r.acc, where, "acc");
    const accNorm = optionalScore(r.acc_norm, where, "acc_norm");
    if (acc !== undefined) s.acc = acc;
    if (accNorm !== undefined) s.accNorm = accNorm;
    return s;
  });
  return { task, kind, samples };
}

/**
 * Character lengths used by lm-eval's acc_norm: the choice text without the
 * target delimiter (the continuation minus one leading space).
 */
export function choiceLengths(continuations: string[]): number[] {
  return continuations.map((c) => (c.startsWith(" ") ? c.length - 1 : c.length));
}

/**
 * Per-sample scores of parsed log samples (rows sorted by doc_id, metrics in
 * SAMPLE_METRICS order). Multiple-choice tasks get all eight metrics;
 * single-target tasks (lambada, asdiv) get log_prob_vocab_correct and
 * prob_vocab_correct (plus acc when logged), as in the original.
 */
export function scoresFromLogSamples(parsed: { task: string; kind: TaskKind; samples: LogSample[] }, model?: string): ScoreRow[] {
  const out: ScoreRow[] = [];
  const sorted = parsed.samples.slice().sort((a, b) => a.docId - b.docId);
  for (const s of sorted) {
    const base = { ...(model !== undefined ? { model } : {}), task: parsed.task, sample_idx: s.docId };
    if (parsed.kind === "single_target") {
      if (s.acc !== undefined) out.push({ ...base, metric: "acc", score: s.acc });
      out.push({ ...base, metric: "log_prob_vocab_correct", score: s.logLikelihoods[0] });
      out.push({ ...base, metric: "prob_vocab_correct", score: Math.exp(s.logLikelihoods[0]) });
      continue;
    }
    const scores = scoreChoices({
      logLikelihoods: s.logLikelihoods,
      target: s.target,
      isGreedy: s.isGreedy,
      choiceLengths: s.continuations ? choiceLengths(s.continuations) : undefined,
      acc: s.acc,
      accNorm: s.accNorm,
    });
    for (const m of SAMPLE_METRICS) out.push({ ...base, metric: m, score: scores[m] });
  }
  return out;
}

import { InputError } from "../../../util/errors";
import { rougeLScore } from "../../../metrics/index";
import { extractAll, type JsonCounts, type Extracted } from "../extract/extract-json";
import type { ScanMode } from "../extract/find-json";
import { stripEos, type EosStrip } from "../extract/strip-eos";
import { listF1 } from "../metrics/list-f1";
import { entityF1 } from "../metrics/entity-f1";
import { tupleF1 } from "../metrics/tuple-f1";
import { labelEvidenceF1 } from "../metrics/label-evidence-f1";
import { attributedQa } from "../metrics/attributed-qa";
import { corpusBleu } from "../metrics/bleu";
import { npMean } from "../metrics/prf";
import type { Pair } from "../metrics/list-f1";
import type { SciriffTask } from "../tasks";
import type { PredictionEntry } from "../predictions/sample";

/** Options shared by the scorers (defaults are the documented fixes). */
export interface ScoreOptions {
  eosStrip?: EosStrip;
  scan?: ScanMode;
}

/** Metrics of one (model, task), as written to metrics.json. */
export interface TaskMetrics {
  task: string;
  model: string;
  n_instances: number;
  /** Parse statuses of the predictions (JSON tasks). */
  json_counts?: JsonCounts;
  /** Scorer output over all instances (failures take the default) and over parseable ones. */
  results?: { all: unknown; valid_json: unknown };
  /** Corpus BLEU of the raw response strings against the raw targets (every task, as the original). */
  bleu: number;
  /** MuP: mean ROUGE-L F of summaries (rouge_score, no stemming). */
  rouge?: { rougeL: number };
  /** LLM-judge results, when the judge ran or earlier judge output was re-scored. */
  lm_judge?: unknown;
  /** The summary metrics (SciRIFF's metrics_summary.json); null = not computed (e.g. judge skipped). */
  summary: Record<string, number | null>;
  options: { eosStrip: EosStrip; scan: ScanMode };
  /** Per-instance parse status, in input order (doc ids alongside). */
  statuses?: { docId: number | string; status: string }[];
}

/** The cleaned response strings (end-of-sequence stripped) and targets. */
export function rawPairs(entries: readonly PredictionEntry[], eos: EosStrip): { pred: string; ref: string; prompt: string }[] {
  return entries.map((e) => ({ pred: stripEos(e.response, eos), ref: e.target, prompt: e.prompt }));
}

/** Parsed predictions and references of a JSON task. */
export interface ParsedTask {
  preds: Extracted[];
  refs: unknown[];
  counts: JsonCounts;
  all: Pair[];
  parsed: Pair[];
}

/**
 * Parse predictions and references of a JSON task (SciRIFF's
 * `parse_predictions`). Every reference must be valid JSON: one that is not
 * is an InputError naming its file line and the `target` field.
 */
export function parseTask(task: SciriffTask, entries: readonly PredictionEntry[], options: ScoreOptions = {}, file = "predictions"): ParsedTask {
  const eos = options.eosStrip ?? "suffix";
  const ex = { default: task.default, closeBracketFix: task.closeBracketFix, scan: options.scan };
  const raw = rawPairs(entries, eos);
  const refs = extractAll(raw.map((r) => r.ref), ex);
  refs.results.forEach((r, i) => {
    if (r.status !== "valid_json") throw new InputError({ file, line: entries[i].line, field: "target" }, "reference of task " + task.name + " is not valid JSON (" + r.status + ")");
  });
  const preds = extractAll(raw.map((r) => r.pred), ex);
  const all: Pair[] = [];
  const parsed: Pair[] = [];
  preds.results.forEach((p, i) => {
    const pair = { pred: p.value, ref: refs.results[i].value };
    all.push(pair);
    if (p.status !== "extract_failure") parsed.push(pair);
  });
  return { preds: preds.results, refs: refs.results.map((r) => r.value), counts: preds.counts, all, parsed };
}

function nullIfNaN(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * Score one task's predictions with every non-judge metric. The judge
 * metrics of Qasper and MuP are left null here (see judge/).
 */
export function scoreTask(task: SciriffTask, model: string, entries: readonly PredictionEntry[], options: ScoreOptions = {}, file?: string): TaskMetrics {
  const eos = options.eosStrip ?? "suffix";
  const scan = options.scan ?? "string-aware";
  const raw = rawPairs(entries, eos);
  const bleu = corpusBleu(raw.map((r) => r.pred), raw.map((r) => r.ref)).bleu;
  const out: TaskMetrics = { task: task.name, model, n_instances: entries.length, bleu, summary: {}, options: { eosStrip: eos, scan } };
  if (task.scorer === "bleu") {
    out.summary.bleu = bleu;
    return out;
  }
  if (task.scorer === "summary") {
    const rl = npMean(raw.map((r) => rougeLScore(r.pred, r.ref, { stem: false }).fmeasure));
    out.rouge = { rougeL: rl };
    out.summary.lm_judge_reference = null;
    out.summary.rouge = nullIfNaN(rl);
    return out;
  }
  const p = parseTask(task, entries, options, file);
  out.json_counts = p.counts;
  out.statuses = p.preds.map((x, i) => ({ docId: entries[i].docId, status: x.status }));
  switch (task.scorer) {
    case "list_f1": {
      const all = listF1(p.all);
      out.results = { all, valid_json: listF1(p.parsed) };
      out.summary.f1 = all.f1.f1;
      break;
    }
    case "entity_f1": {
      const all = entityF1(p.all);
      out.results = { all, valid_json: entityF1(p.parsed) };
      out.summary.f1 = all.typed.f1;
      break;
    }
    case "tuple_f1": {
      const o = { tupleLength: 5, overlapThreshold: 0.3 };
      const all = tupleF1(p.all, o);
      out.results = { all, valid_json: tupleF1(p.parsed, o) };
      out.summary.f1_exact = all.exact.f1;
      out.summary.f1_substring = all.substring.f1;
      out.summary.f1_overlap = all.overlap.f1;
      break;
    }
    case "label_evidence_f1": {
      const all = labelEvidenceF1(p.all);
      out.results = { all, valid_json: labelEvidenceF1(p.parsed) };
      out.summary.f1_label = all.f1.label.f1;
      out.summary.f1_evidence_sent = all.f1.evidence_sent.f1;
      out.summary.f1_evidence_token = all.f1.evidence_tok.f1;
      break;
    }
    case "attributed_qa": {
      const all = attributedQa(p.all);
      const parsed = attributedQa(p.parsed);
      const strip = (r: ReturnType<typeof attributedQa>) => ({ scores: r.scores, answer_parse: r.answer_parse });
      out.results = { all: strip(all), valid_json: strip(parsed) };
      out.summary.lm_judge_answer = null;
      out.summary.f1_answer = nullIfNaN(all.scores.f1_answer_all);
      out.summary.f1_evidence = nullIfNaN(all.scores.f1_evidence_all);
      break;
    }
  }
  return out;
}

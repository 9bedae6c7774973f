import * as fs from "node:fs";
import * as path from "node:path";
import type { LLM } from "../../../llm/types";
import { readJson } from "../../../io/json";
import { writeFileAtomic } from "../../../io/atomic";
import { UserError } from "../../../util/errors";
import { discoverRuns, type TaskRun } from "../predictions/layout";
import { loadSamples } from "../predictions/load-samples";
import { TASKS } from "../tasks";
import { parseTask, rawPairs, scoreTask, type ScoreOptions, type TaskMetrics } from "./score-task";
import { formatSummaryTsv, summaryTable, type SummaryTable } from "./summary-table";
import { attributedQa } from "../metrics/attributed-qa";
import { mupJudgePlan, qasperJudgePlan, type JudgePlan } from "../judge/judge-items";
import { JUDGE_PARAMS, judgeWithLLM, repliesFromBatch, scorePlan, type JudgeResult } from "../judge/run-judge";
import { readBatchOutput } from "../judge/batch-output";
import { batchInputLines, runBatch, type BatchClientOptions } from "../judge/batch";
import type { JudgeScoreOptions } from "../judge/judge-score";

/**
 * Where judge ratings come from:
 * - "none": skip the judge metrics (`--no-judge`);
 * - "existing": re-score an earlier judge run's Batch API output
 *   (`lm_judge_raw.json` beside the predictions); tasks without one get none;
 * - "llm": call role `judge` of the LLM layer;
 * - "batch": submit through the OpenAI Batch API (half price, up to 24 h);
 * - "auto" (default): "existing" where an output exists, else "llm" when an
 *   LLM is given, else none.
 */
export type JudgeMode = "auto" | "none" | "existing" | "llm" | "batch";

/** Options of {@link scorePredictions}. */
export interface ScoreDirOptions extends ScoreOptions, JudgeScoreOptions {
  judge?: JudgeMode;
  llm?: LLM;
  judgeRole?: string;
  /** Batch mode: the API to use and the judge model name. */
  batch?: BatchClientOptions & { model: string };
  /** MuP instances judged (default 100, as SciRIFF's reference comparison). */
  mupSamples?: number;
  /** Judge calls in parallel (direct LLM mode). */
  concurrency?: number;
  onInfo?: (message: string) => void;
}

/** Result of {@link scorePredictions}. */
export interface ScoreDirResult {
  metrics: TaskMetrics[];
  skipped: { model: string; task: string; reason: string }[];
  table: SummaryTable;
  summaryFile: string;
  files: string[];
}

/** The `n-samples` of an lm-eval run summary, when readable. */
function runSummaryInfo(file: string, task: string): { file: string; n_samples?: number; results?: unknown } {
  const j = readJson<Record<string, unknown>>(file, { allowNaN: true });
  const ns = (j["n-samples"] as Record<string, { effective?: number }> | undefined)?.[task]?.effective;
  return { file, n_samples: typeof ns === "number" ? ns : undefined, results: (j.results as Record<string, unknown> | undefined)?.[task] };
}

async function runJudge(run: TaskRun, plan: JudgePlan, mode: Exclude<JudgeMode, "auto" | "none">, outDir: string, o: ScoreDirOptions): Promise<JudgeResult> {
  const scoreOpts: JudgeScoreOptions = { missingRating: o.missingRating, dropOnes: o.dropOnes };
  if (mode === "existing") {
    const lines = readBatchOutput(run.judgeRawFile as string);
    return scorePlan(plan, repliesFromBatch(lines), "existing-output", scoreOpts);
  }
  if (mode === "batch") {
    if (!o.batch) throw new UserError("judge mode 'batch' needs the Batch API settings (base URL, key, judge model)");
    const lines = batchInputLines(plan.items, o.batch.model, { ...JUDGE_PARAMS });
    const results = await runBatch(o.batch, lines, path.join(outDir, "lm_judge_mapping.json"));
    writeFileAtomic(path.join(outDir, "lm_judge_raw.json"), JSON.stringify([...results.values()], null, 2) + "\n");
    return scorePlan(plan, repliesFromBatch(results), "batch", scoreOpts);
  }
  if (!o.llm) throw new UserError("judge mode 'llm' needs an LLM client with a 'judge' role");
  const replies = await judgeWithLLM(o.llm, plan, { role: o.judgeRole, concurrency: o.concurrency });
  return scorePlan(plan, replies, "llm", scoreOpts);
}

/** For re-scoring an earlier run: one item per judged instance, custom_ids as SciRIFF wrote them. */
function existingPlan(task: "qasper_abstractive_qa" | "mup_single_document_summarization", n: number): JudgePlan {
  return { task, items: Array.from({ length: n }, (_, i) => ({ customId: "task-" + i, index: i, prompt: "" })), noAnswer: [], template: "(existing judge output)" };
}

/**
 * Score every (model, task) under a prediction directory and write
 * `<metricsDir>/<model>/<task>/metrics.json` plus `<metricsDir>/summary.tsv`.
 * A task folder without predictions is skipped with a reason (MuP can still
 * get its judge score from an earlier judge output).
 */
export async function scorePredictions(predDir: string, metricsDir: string, o: ScoreDirOptions = {}): Promise<ScoreDirResult> {
  const runs = discoverRuns(predDir);
  const metrics: TaskMetrics[] = [];
  const skipped: ScoreDirResult["skipped"] = [];
  const files: string[] = [];
  const mode = o.judge ?? "auto";
  for (const run of runs) {
    const task = TASKS[run.task];
    const outDir = path.join(metricsDir, run.model, run.task);
    const judgeModeFor = (): Exclude<JudgeMode, "auto" | "none"> | undefined => {
      if (task.judgeMetrics.length === 0 || mode === "none") return undefined;
      if (mode === "auto") return run.judgeRawFile ? "existing" : o.llm ? "llm" : undefined;
      if (mode === "existing" && !run.judgeRawFile) return undefined;
      return mode;
    };
    const jm = judgeModeFor();
    if (task.judgeMetrics.length > 0 && mode !== "none" && !jm && run.predictionFile) {
      o.onInfo?.(run.model + "/" + run.task + ": judge metric not computed (no earlier judge output and no judge LLM; give a judge role, --offline, or --judge-mode batch)");
    }
    const summaries = run.runSummaries.map((f) => runSummaryInfo(f, run.task));
    let m: TaskMetrics;
    if (!run.predictionFile) {
      if (run.task === "mup_single_document_summarization" && jm === "existing") {
        const n = readBatchOutput(run.judgeRawFile as string).size;
        const res = await runJudge(run, existingPlan(run.task, n), "existing", outDir, o);
        m = { task: run.task, model: run.model, n_instances: 0, bleu: NaN, summary: { lm_judge_reference: res.score, rouge: null }, lm_judge: res, options: { eosStrip: o.eosStrip ?? "suffix", scan: o.scan ?? "string-aware" } };
        o.onInfo?.(run.model + "/" + run.task + ": no predictions; judge score re-computed from " + path.relative(process.cwd(), run.judgeRawFile as string));
      } else {
        skipped.push({ model: run.model, task: run.task, reason: "no prediction file" + (summaries.length ? " (run summary only)" : "") });
        continue;
      }
    } else {
      const entries = loadSamples(run.predictionFile);
      m = scoreTask(task, run.model, entries, o, run.predictionFile);
      if (jm) {
        let plan: JudgePlan;
        if (jm === "existing") plan = existingPlan(run.task as JudgePlan["task"], run.task === "qasper_abstractive_qa" ? entries.length : readBatchOutput(run.judgeRawFile as string).size);
        else if (run.task === "qasper_abstractive_qa") {
          const p = parseTask(task, entries, o, run.predictionFile);
          plan = qasperJudgePlan(entries.map((e) => e.prompt), p.refs, attributedQa(p.all).instances);
        } else {
          const raw = rawPairs(entries, o.eosStrip ?? "suffix");
          plan = mupJudgePlan(raw.map((r) => r.prompt), raw.map((r) => r.ref), raw.map((r) => r.pred), o.mupSamples);
        }
        const res = await runJudge(run, plan, jm, outDir, o);
        m.lm_judge = res;
        m.summary[task.judgeMetrics[0]] = res.score;
        o.onInfo?.(run.model + "/" + run.task + ": judge (" + res.source + ") " + res.n_counted + "/" + res.n_total + " ratings counted");
      }
    }
    const withSummaries = { ...m, run_summaries: summaries };
    for (const s of summaries) {
      if (s.n_samples !== undefined && m.n_instances > 0 && s.n_samples !== m.n_instances) o.onInfo?.(run.model + "/" + run.task + ": run summary reports " + s.n_samples + " samples, predictions have " + m.n_instances);
    }
    const file = path.join(outDir, "metrics.json");
    writeFileAtomic(file, JSON.stringify(withSummaries, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n");
    files.push(file);
    metrics.push(m);
  }
  const table = summaryTable(metrics);
  const summaryFile = path.join(metricsDir, "summary.tsv");
  fs.mkdirSync(metricsDir, { recursive: true });
  writeFileAtomic(summaryFile, formatSummaryTsv(table));
  return { metrics, skipped, table, summaryFile, files };
}

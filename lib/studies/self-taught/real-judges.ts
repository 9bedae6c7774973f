import * as fs from "node:fs";
import * as path from "node:path";
import { findLlmbarEvaluators, loadLlmbarDataset, loadLlmbarResult, loadLlmbarStatistics, llmbarRecords } from "../../data/judge/llmbar";
import { computeLlmbarStatistics, type LlmbarKappaMode } from "../../data/judge/llmbar-statistics";
import { alpacaWinRate, findAlpacaEvalAnnotations, loadAlpacaEvalAnnotations, type AlpacaWinRate } from "../../data/judge/alpaca-eval";
import { loadAutoJPairs, loadAutoJPredictions } from "../../data/judge/autoj";
import type { JudgePair, JudgeRecord, Preference } from "../../data/judge/types";
import { InputError } from "../../util/errors";
import { scoreJudge, type JudgeScores, type Scoring } from "./metrics/judge-scores";

/** Accuracy of recorded judges on real labelled pairwise sets. */

/** One recorded judge on one LLMBar subset, scored two ways. */
export interface LlmbarJudgeEval {
  subset: string;
  judge: string;
  /** Our scores (accuracy with CI, consistency, invalid rate). */
  scores: JudgeScores;
  /** LLMBar's statistics recomputed from result.json with LLMBar's definitions. */
  recomputed: ReturnType<typeof computeLlmbarStatistics>;
  /** The dataset's own statistics.json (when present) and whether every figure matches. */
  recorded?: {
    correct_False: string;
    correct_True: string;
    correct_average: string;
    correct_both: string;
    equal: string;
    kappa_False: number;
    kappa_True: number;
    kappa_average: number;
    kappa_agreement: number;
  };
  /** Fields of statistics.json that the recomputation does not reproduce (empty = all match). */
  mismatches: string[];
}

/** Numbers close enough to count as the same float (summation order aside). */
function close(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
}

/**
 * Evaluate every recorded LLMBar judge (folders with a result.json) under
 * `root`, and compare with statistics.json. Accuracy strings are compared
 * exactly, kappas to 1e-12 (kappa mode "original" reproduces LLMBar's
 * computation including its label-mapping bug).
 */
export function evaluateLlmbar(root: string, options: { scoring?: Scoring; kappa?: LlmbarKappaMode } = {}): LlmbarJudgeEval[] {
  const out: LlmbarJudgeEval[] = [];
  const cache = new Map<string, JudgePair[]>();
  for (const ev of findLlmbarEvaluators(root)) {
    if (!ev.hasResult) continue;
    let pairs = cache.get(ev.subsetDir);
    if (!pairs) {
      pairs = loadLlmbarDataset(ev.subsetDir);
      cache.set(ev.subsetDir, pairs);
    }
    const rows = loadLlmbarResult(path.join(ev.dir, "result.json"), pairs);
    const records = llmbarRecords(pairs, rows, ev.judge);
    const scores = scoreJudge(pairs, records, { scoring: options.scoring });
    const recomputed = computeLlmbarStatistics(rows, { kappa: options.kappa ?? "original" });
    const item: LlmbarJudgeEval = { subset: ev.subset, judge: ev.judge, scores, recomputed, mismatches: [] };
    if (ev.hasStatistics) {
      const st = loadLlmbarStatistics(path.join(ev.dir, "statistics.json"));
      item.recorded = {
        correct_False: st.correct_False.text,
        correct_True: st.correct_True.text,
        correct_average: st.correct_average.text,
        correct_both: st.correct_both.text,
        equal: st.equal.text,
        kappa_False: st.kappa_False,
        kappa_True: st.kappa_True,
        kappa_average: st.kappa_average,
        kappa_agreement: st.kappa_agreement,
      };
      for (const f of ["correct_False", "correct_True", "correct_average", "correct_both", "equal"] as const)
        if (recomputed.strings[f] !== item.recorded[f]) item.mismatches.push(f);
      for (const f of ["kappa_False", "kappa_True", "kappa_average", "kappa_agreement"] as const) if (!close(recomputed[f], item.recorded[f])) item.mismatches.push(f);
    }
    out.push(item);
  }
  return out;
}

/** One AlpacaEval annotations file: win rate as the leaderboard defines it, plus agreement with a gold if given. */
export interface AlpacaEvalEval {
  model: string;
  reference: string;
  annotator: string;
  file: string;
  n: number;
  winRate: AlpacaWinRate;
  /** Share of annotations with preference exactly 1.5 (ties) and null (failed). */
  tieRate: number;
  invalidRate: number;
}

/** Evaluate every annotations.json under `root` (a file or folder). */
export function evaluateAlpacaEval(root: string): AlpacaEvalEval[] {
  return findAlpacaEvalAnnotations(root).map((file) => {
    const set = loadAlpacaEvalAnnotations(file);
    const n = set.records.length;
    return {
      model: set.model,
      reference: set.reference,
      annotator: set.annotator,
      file,
      n,
      winRate: alpacaWinRate(set.records),
      tieRate: set.records.filter((r) => r.forward === "tie").length / n,
      invalidRate: set.records.filter((r) => r.forward === null).length / n,
    };
  });
}

/** Auto-J: a prediction file scored against the human labels (ties included, as Auto-J's agreement). */
export interface AutoJEval {
  judge: string;
  scores: JudgeScores;
  /** Agreement per scenario (percent), for the scenarios present. */
  byScenario: Record<string, { n: number; agreement: number }>;
}

/**
 * Find the Auto-J test file under `root` (the file itself or a folder
 * holding testdata_pairwise.jsonl) and score `predictions` (default: the
 * folder's pairwise_example_output.jsonl) against it.
 */
export function evaluateAutoJ(root: string, options: { predictions?: string; exchange?: string; scoring?: Scoring; judge?: string } = {}): AutoJEval {
  const isFile = fs.existsSync(root) && fs.statSync(root).isFile();
  const testFile = isFile ? root : path.join(root, "testdata_pairwise.jsonl");
  if (!fs.existsSync(testFile)) throw new InputError({ file: testFile }, "Auto-J test file not found");
  const pairs = loadAutoJPairs(testFile);
  const pred = options.predictions ?? path.join(path.dirname(testFile), "pairwise_example_output.jsonl");
  if (!fs.existsSync(pred)) throw new InputError({ file: pred }, "prediction file not found (give --predictions)");
  const judge = options.judge ?? path.basename(pred).replace(/\.jsonl$/, "");
  const records = loadAutoJPredictions(pred, pairs, judge, options.exchange);
  const scores = scoreJudge(pairs, records, { scoring: options.scoring });
  const byScenario: Record<string, { n: number; agreement: number }> = {};
  const acc: Record<string, { n: number; ok: number }> = {};
  pairs.forEach((p, i) => {
    const sc = p.meta?.scenario ?? "";
    const a = (acc[sc] ??= { n: 0, ok: 0 });
    a.n++;
    if (records[i].forward === p.label) a.ok++;
  });
  for (const [k, v] of Object.entries(acc).sort()) byScenario[k] = { n: v.n, agreement: (v.ok / v.n) * 100 };
  return { judge, scores, byScenario };
}

/**
 * A verdicts file for any judge (e.g. written by the self-taught `judge`
 * stage on real pairs): JSONL rows `{pairId, forward, swapped?}` with
 * verdicts 1, 2, "tie" or null.
 */
export function parseVerdictRecords(rows: { line: number; value: Record<string, unknown> }[], file: string, judge: string): JudgeRecord[] {
  const pref = (v: unknown, line: number, field: string): Preference | null => {
    if (v === 1 || v === 2 || v === "tie" || v === null) return v as Preference | null;
    throw new InputError({ file, line, field }, "expected 1, 2, \"tie\" or null, got " + JSON.stringify(v));
  };
  return rows.map((r) => {
    const id = r.value.pairId;
    if (typeof id !== "string") throw new InputError({ file, line: r.line, field: "pairId" }, "expected a string");
    const rec: JudgeRecord = { pairId: id, judge, forward: pref(r.value.forward, r.line, "forward") };
    if ("swapped" in r.value) rec.swapped = pref(r.value.swapped, r.line, "swapped");
    return rec;
  });
}

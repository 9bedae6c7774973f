import * as fs from "node:fs";
import * as path from "node:path";
import { readJson } from "../../io/json";
import { InputError } from "../../util/errors";
import type { JudgePair, JudgeRecord, Preference } from "./types";

/**
 * AlpacaEval (tatsu-lab/alpaca_eval) annotations importer:
 * `results/<model>/<annotator>/annotations.json`, a JSON array of
 * `{instruction, output_1, generator_1, output_2, generator_2, dataset,
 * annotator, preference, ...}` where output_1 is the reference model's and
 * `preference` in [1, 2] is the annotator's (possibly fractional, from
 * log-probabilities) preference: 1 = output_1 better, 2 = output_2 better;
 * it may be null for a failed annotation.
 *
 * The annotations have no human gold: pairs get `label: null` and the
 * annotator becomes a judge record whose discrete verdict is 1 below 1.5,
 * 2 above 1.5 and a tie at exactly 1.5 (AlpacaEval's discrete win rate), with
 * `soft = preference - 1`.
 */
export interface AlpacaEvalSet {
  pairs: JudgePair[];
  records: JudgeRecord[];
  /** The annotated model (generator_2) and the reference (generator_1). */
  model: string;
  reference: string;
  annotator: string;
  file: string;
}

function field(row: Record<string, unknown>, name: string, file: string, i: number): string {
  const v = row[name];
  if (typeof v !== "string") throw new InputError({ file, field: "[" + i + "]." + name }, "expected a string");
  return v;
}

/** Discrete verdict of an AlpacaEval preference (null stays null). */
export function alpacaVerdict(p: number | null): Preference | null {
  if (p === null) return null;
  return p < 1.5 ? 1 : p > 1.5 ? 2 : "tie";
}

/** Load one annotations.json. */
export function loadAlpacaEvalAnnotations(file: string): AlpacaEvalSet {
  const rows = readJson<unknown>(file);
  if (!Array.isArray(rows) || rows.length === 0) throw new InputError({ file }, "expected a non-empty JSON array of annotations");
  const subsetGuess = path.basename(path.dirname(path.dirname(file)));
  const pairs: JudgePair[] = [];
  const records: JudgeRecord[] = [];
  let model = "";
  let reference = "";
  let annotator = "";
  rows.forEach((r, i) => {
    if (typeof r !== "object" || r === null) throw new InputError({ file, field: "[" + i + "]" }, "expected an object");
    const row = r as Record<string, unknown>;
    const g1 = field(row, "generator_1", file, i);
    const g2 = field(row, "generator_2", file, i);
    const ann = field(row, "annotator", file, i);
    if (i === 0) {
      model = g2;
      reference = g1;
      annotator = ann;
    }
    const p = row.preference;
    if (p !== null && (typeof p !== "number" || !(p >= 1 && p <= 2)))
      throw new InputError({ file, field: "[" + i + "].preference" }, "expected a number in [1, 2] or null, got " + JSON.stringify(p));
    const subset = model || subsetGuess;
    const id = "alpaca-eval/" + subset + "#" + i;
    pairs.push({
      id,
      dataset: "alpaca-eval",
      subset,
      index: i,
      instruction: field(row, "instruction", file, i),
      output1: field(row, "output_1", file, i),
      output2: field(row, "output_2", file, i),
      label: null,
      meta: { generator_1: g1, generator_2: g2, dataset: typeof row.dataset === "string" ? row.dataset : "" },
    });
    const rec: JudgeRecord = { pairId: id, judge: ann, forward: alpacaVerdict(p as number | null) };
    if (p !== null) rec.soft = (p as number) - 1;
    records.push(rec);
  });
  return { pairs, records, model, reference, annotator, file };
}

/** Find every annotations.json under a folder (results/<model>/<annotator>/annotations.json). */
export function findAlpacaEvalAnnotations(root: string): string[] {
  if (!fs.existsSync(root)) throw new InputError({ file: root }, "no such file or folder");
  if (fs.statSync(root).isFile()) return [root];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "annotations.json") out.push(p);
    }
  };
  walk(root);
  return out;
}

/** AlpacaEval leaderboard figures recomputed from annotations (percent). */
export interface AlpacaWinRate {
  /** mean(preference - 1) * 100 over non-null annotations. */
  win_rate: number;
  /** Sample standard deviation (ddof 1) of (preference - 1) * 100, over sqrt(n). */
  standard_error: number;
  n_wins: number;
  n_wins_base: number;
  n_draws: number;
  n_total: number;
  /** (wins + draws / 2) / n * 100. */
  discrete_win_rate: number;
}

/** Win rate of output_2's model over the reference, as AlpacaEval's leaderboard defines it. */
export function alpacaWinRate(records: JudgeRecord[]): AlpacaWinRate {
  const soft = records.filter((r) => r.soft !== undefined).map((r) => (r.soft as number) * 100);
  const n = soft.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (soft[i] - mean) / (i + 1);
  let ss = 0;
  for (const v of soft) ss += (v - mean) * (v - mean);
  const wins = records.filter((r) => r.forward === 2).length;
  const base = records.filter((r) => r.forward === 1).length;
  const draws = records.filter((r) => r.forward === "tie").length;
  const total = wins + base + draws;
  return {
    win_rate: n ? soft.reduce((a, b) => a + b, 0) / n : NaN,
    standard_error: n > 1 ? Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : NaN,
    n_wins: wins,
    n_wins_base: base,
    n_draws: draws,
    n_total: total,
    discrete_win_rate: total ? ((wins + draws / 2) / total) * 100 : NaN,
  };
}

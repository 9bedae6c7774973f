import * as fs from "node:fs";
import * as path from "node:path";
import { readJson } from "../../io/json";
import { InputError } from "../../util/errors";
import { parsePythonLiteral, type PyValue } from "./python-literal";
import type { JudgePair, JudgeRecord, Preference } from "./types";

/**
 * LLMBar (princeton-nlp/LLMBar) importers.
 *
 * Layout: `Dataset/<collection>/<subset>/dataset.json` (array of
 * `{input, output_1, output_2, label: 1|2}`), and per evaluator
 * `.../evaluators/<LLM>/<strategy>/{statistics.json,result.json}`.
 * `result.json` repeats the rows with `results`: a list (in some copies a
 * string holding a Python literal) of rounds `{"swap = False": {winner},
 * "swap = True": {winner}}`; the winner of the swapped round is already
 * mapped back to the original numbering by LLMBar's evaluator, and the LAST
 * round is the final verdict (Swap strategies add a second, synthesising
 * round when the first two disagree).
 */

/** Subset name relative to the Dataset folder, e.g. "LLMBar/Natural". */
export function llmbarSubsetName(subsetDir: string): string {
  const parts = path.resolve(subsetDir).split(path.sep);
  const i = parts.lastIndexOf("Dataset");
  return i >= 0 ? parts.slice(i + 1).join("/") : parts.slice(-2).join("/");
}

function str(row: Record<string, unknown>, field: string, file: string, index: number): string {
  const v = row[field];
  if (typeof v !== "string") throw new InputError({ file, field: "[" + index + "]." + field }, "expected a string, got " + (v === null ? "null" : typeof v));
  return v;
}

function label12(v: unknown, file: string, index: number): 1 | 2 {
  if (v === 1 || v === "1") return 1;
  if (v === 2 || v === "2") return 2;
  throw new InputError({ file, field: "[" + index + "].label" }, "expected 1 or 2, got " + JSON.stringify(v));
}

/** Load `<subsetDir>/dataset.json` as pairs (ids "llmbar/<subset>#i"). */
export function loadLlmbarDataset(subsetDir: string): JudgePair[] {
  const file = path.join(subsetDir, "dataset.json");
  const rows = readJson<unknown>(file);
  if (!Array.isArray(rows)) throw new InputError({ file }, "expected a JSON array of pairs");
  const subset = llmbarSubsetName(subsetDir);
  return rows.map((r, i) => {
    if (typeof r !== "object" || r === null) throw new InputError({ file, field: "[" + i + "]" }, "expected an object");
    const row = r as Record<string, unknown>;
    return {
      id: "llmbar/" + subset + "#" + i,
      dataset: "llmbar",
      subset,
      index: i,
      instruction: str(row, "input", file, i),
      output1: str(row, "output_1", file, i),
      output2: str(row, "output_2", file, i),
      label: label12(row.label, file, i),
    };
  });
}

/** Raw LLMBar winner string ("1", "2" or null) of one presentation order. */
export type LlmbarWinner = string | null;

/** One row of a result.json: the final round's two winners, exactly as recorded. */
export interface LlmbarResultRow {
  index: number;
  label: 1 | 2;
  winnerFalse: LlmbarWinner;
  winnerTrue: LlmbarWinner;
  /** Number of rounds recorded (2 for Swap strategies that synthesised). */
  rounds: number;
}

function winnerOf(round: PyValue, key: string, file: string, index: number): LlmbarWinner {
  if (typeof round !== "object" || round === null || Array.isArray(round)) throw new InputError({ file, field: "[" + index + "].results" }, "a round is not a dict");
  const side = (round as Record<string, PyValue>)[key];
  if (typeof side !== "object" || side === null || Array.isArray(side)) throw new InputError({ file, field: "[" + index + "].results." + key }, "missing");
  const w = (side as Record<string, PyValue>).winner;
  if (w === null || w === undefined) return null;
  if (typeof w !== "string") throw new InputError({ file, field: "[" + index + "].results." + key + ".winner" }, "expected a string or None, got " + JSON.stringify(w));
  return w;
}

/**
 * Load an LLMBar `result.json`. `results` may be a JSON list or a string
 * holding a Python literal; both are accepted. When `pairs` (the subset's
 * dataset) is given, the rows must match it in order (same input and label).
 */
export function loadLlmbarResult(file: string, pairs?: JudgePair[]): LlmbarResultRow[] {
  const rows = readJson<unknown>(file);
  if (!Array.isArray(rows)) throw new InputError({ file }, "expected a JSON array");
  if (pairs && pairs.length !== rows.length) throw new InputError({ file }, rows.length + " rows but dataset.json has " + pairs.length);
  return rows.map((r, i) => {
    if (typeof r !== "object" || r === null) throw new InputError({ file, field: "[" + i + "]" }, "expected an object");
    const row = r as Record<string, unknown>;
    const label = label12(row.label, file, i);
    let results: PyValue = row.results as PyValue;
    if (typeof results === "string") results = parsePythonLiteral(results, { file, field: "[" + i + "].results" });
    if (!Array.isArray(results) || results.length === 0) throw new InputError({ file, field: "[" + i + "].results" }, "expected a non-empty list of rounds");
    const last = results[results.length - 1];
    if (pairs) {
      const p = pairs[i];
      if (p.label !== label || p.instruction !== row.input) throw new InputError({ file, field: "[" + i + "]" }, "row does not match dataset.json row " + i);
    }
    return { index: i, label, winnerFalse: winnerOf(last, "swap = False", file, i), winnerTrue: winnerOf(last, "swap = True", file, i), rounds: results.length };
  });
}

function pref(w: LlmbarWinner): Preference | null {
  return w === "1" ? 1 : w === "2" ? 2 : null;
}

/** Convert result rows to generic judge records for `pairs`. */
export function llmbarRecords(pairs: JudgePair[], rows: LlmbarResultRow[], judge: string): JudgeRecord[] {
  return rows.map((r) => ({ pairId: pairs[r.index].id, judge, forward: pref(r.winnerFalse), swapped: pref(r.winnerTrue) }));
}

/** A parsed "k / n = p%" string. */
export interface CountRatio {
  k: number;
  n: number;
  percent: number;
  /** The string as recorded. */
  text: string;
}

/** LLMBar's statistics.json, parsed. */
export interface LlmbarStatistics {
  correct_False: CountRatio;
  correct_True: CountRatio;
  /** Mean of the two accuracies, percent. */
  correct_average: { percent: number; text: string };
  correct_both: CountRatio;
  equal: CountRatio;
  kappa_False: number;
  kappa_True: number;
  kappa_average: number;
  kappa_agreement: number;
}

const RATIO = /^(\d+) \/ (\d+) = (-?[0-9.eE+-]+|nan)%$/;

/** Parse "k / n = p%" (throws InputError naming the field). */
export function parseCountRatio(text: unknown, file: string, field: string): CountRatio {
  const m = typeof text === "string" ? RATIO.exec(text) : null;
  if (!m) throw new InputError({ file, field }, 'expected "k / n = p%", got ' + JSON.stringify(text));
  return { k: Number(m[1]), n: Number(m[2]), percent: Number(m[3]), text: text as string };
}

/** Load a statistics.json. Kappas may be NaN in Python's output; they are accepted. */
export function loadLlmbarStatistics(file: string): LlmbarStatistics {
  const o = readJson<Record<string, unknown>>(file, { allowNaN: true });
  if (typeof o !== "object" || o === null || Array.isArray(o)) throw new InputError({ file }, "expected a JSON object");
  const num = (f: string): number => {
    const v = o[f];
    if (typeof v !== "number") throw new InputError({ file, field: f }, "expected a number");
    return v;
  };
  const avg = o.correct_average;
  const am = typeof avg === "string" ? /^(-?[0-9.eE+-]+|nan)%$/.exec(avg) : null;
  if (!am) throw new InputError({ file, field: "correct_average" }, 'expected "p%", got ' + JSON.stringify(avg));
  return {
    correct_False: parseCountRatio(o.correct_False, file, "correct_False"),
    correct_True: parseCountRatio(o.correct_True, file, "correct_True"),
    correct_average: { percent: Number(am[1]), text: avg as string },
    correct_both: parseCountRatio(o.correct_both, file, "correct_both"),
    equal: parseCountRatio(o.equal, file, "equal"),
    kappa_False: num("kappa_False"),
    kappa_True: num("kappa_True"),
    kappa_average: num("kappa_average"),
    kappa_agreement: num("kappa_agreement"),
  };
}

/** An evaluator folder found under a Dataset tree. */
export interface LlmbarEvaluatorDir {
  /** Folder of the subset (holds dataset.json). */
  subsetDir: string;
  subset: string;
  /** "<LLM>/<strategy>", e.g. "GPT-4/Vanilla". */
  judge: string;
  dir: string;
  hasResult: boolean;
  hasStatistics: boolean;
}

/**
 * Find every evaluator folder (`evaluators/<LLM>/<strategy>/`) under `root`
 * (a Dataset folder, a collection, a subset, or the LLMBar copy's root).
 */
export function findLlmbarEvaluators(root: string): LlmbarEvaluatorDir[] {
  const out: LlmbarEvaluatorDir[] = [];
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === "dataset.json")) {
      const evDir = path.join(dir, "evaluators");
      if (fs.existsSync(evDir)) {
        for (const llm of fs.readdirSync(evDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort())
          for (const strat of fs.readdirSync(path.join(evDir, llm), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
            const d = path.join(evDir, llm, strat);
            out.push({ subsetDir: dir, subset: llmbarSubsetName(dir), judge: llm + "/" + strat, dir: d, hasResult: fs.existsSync(path.join(d, "result.json")), hasStatistics: fs.existsSync(path.join(d, "statistics.json")) });
          }
      }
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) if (e.isDirectory() && e.name !== "evaluators") walk(path.join(dir, e.name));
  };
  if (!fs.existsSync(root)) throw new InputError({ file: root }, "no such folder");
  walk(root);
  return out;
}

import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import { describeShared } from "../helpers/shared";
import { evaluateLlmbar, evaluateAlpacaEval, evaluateAutoJ } from "../../lib/studies/self-taught/real-judges";
import { findLlmbarEvaluators, loadLlmbarDataset, loadLlmbarResult, loadLlmbarStatistics } from "../../lib/data/judge/llmbar";
import { computeLlmbarStatistics } from "../../lib/data/judge/llmbar-statistics";
import { loadAlpacaEvalAnnotations } from "../../lib/data/judge/alpaca-eval";
import { loadAutoJPairs } from "../../lib/data/judge/autoj";
import { readCsv } from "../../lib/io/csv";
import { InputError } from "../../lib/util/errors";

describeShared("LLMBar importers and statistics reproduction", "judge/llmbar", (dir) => {
  const evals = evaluateLlmbar(dir);
  it("finds all 34 recorded result.json files and all 349 statistics.json", () => {
    expect(evals.length).toBe(34);
    expect(findLlmbarEvaluators(dir).filter((e) => e.hasStatistics).length).toBe(349);
  });
  it.each(evals.map((e) => [e.subset + " " + e.judge, e] as const))("%s: recomputed statistics equal statistics.json", (_name, e) => {
    expect(e.recorded).toBeDefined();
    expect(e.mismatches).toEqual([]);
    expect(e.recomputed.strings.correct_False).toBe(e.recorded?.correct_False);
    // our own scorer agrees with LLMBar's counts (strict scoring, None = wrong)
    expect(e.scores.accuracy * e.scores.n).toBeCloseTo(e.recomputed.correctFalse, 9);
    expect((e.scores.bothOrders?.accuracySwapped ?? NaN) * e.scores.n).toBeCloseTo(e.recomputed.correctTrue, 9);
    expect(e.scores.ci.lower).toBeLessThanOrEqual(e.scores.accuracy);
  });
  it("the fixed kappa differs from the recorded (buggy) kappa", () => {
    const sub = path.join(dir, "Dataset", "LLMBar", "Natural");
    const ev = path.join(sub, "evaluators", "GPT-4", "Vanilla");
    const rows = loadLlmbarResult(path.join(ev, "result.json"), loadLlmbarDataset(sub));
    const st = loadLlmbarStatistics(path.join(ev, "statistics.json"));
    const orig = computeLlmbarStatistics(rows);
    const fixed = computeLlmbarStatistics(rows, { kappa: "fixed" });
    expect(orig.kappa_False).toBeCloseTo(st.kappa_False, 12);
    expect(fixed.kappa_False).toBeGreaterThan(0.8); // 95% accuracy on balanced labels
    expect(st.kappa_False).toBeLessThan(0.3);
  });
  it("dataset pairs have gold labels 1/2 and stable ids", () => {
    const pairs = loadLlmbarDataset(path.join(dir, "Dataset", "LLMBar", "Natural"));
    expect(pairs.length).toBe(100);
    expect(pairs[0].id).toBe("llmbar/LLMBar/Natural#0");
    expect(new Set(pairs.map((p) => p.label))).toEqual(new Set([1, 2]));
  });
  it("accepts results stored as a Python-literal string (as in other copies of LLMBar)", () => {
    const sub = path.join(dir, "Dataset", "LLMBar", "Adversarial", "Manual");
    const src = JSON.parse(fs.readFileSync(path.join(sub, "evaluators", "GPT-4", "Swap", "result.json"), "utf8")) as Record<string, unknown>[];
    const toPy = (v: unknown): string =>
      v === null ? "None" : v === true ? "True" : v === false ? "False" : typeof v === "string" ? "'" + v.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n") + "'" : Array.isArray(v) ? "[" + v.map(toPy).join(", ") + "]" : typeof v === "object" ? "{" + Object.entries(v as object).map(([k, x]) => toPy(k) + ": " + toPy(x)).join(", ") + "}" : String(v);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "llmbar-"));
    const f = path.join(tmp, "result.json");
    fs.writeFileSync(f, JSON.stringify(src.map((r) => ({ ...r, label: String(r.label), results: toPy(r.results) }))));
    const a = loadLlmbarResult(f);
    const b = loadLlmbarResult(path.join(sub, "evaluators", "GPT-4", "Swap", "result.json"));
    expect(a).toEqual(b);
    expect(a.some((r) => r.rounds === 2)).toBe(true);
  });
});

describeShared("AlpacaEval annotations", "judge/alpaca_eval", (dir) => {
  const evals = evaluateAlpacaEval(path.join(dir, "results"));
  const board = readCsv(path.join(dir, "leaderboards", "data_AlpacaEval_2", "weighted_alpaca_eval_gpt4_turbo_leaderboard.csv"));
  it("loads the 4 annotated models", () => {
    expect(evals.map((e) => e.model).sort()).toEqual(["claude-2.1", "falcon-7b-instruct", "gpt-3.5-turbo-1106", "vicuna-7b"]);
    for (const e of evals) expect(e.reference).toBe("gpt4_1106_preview");
  });
  it.each(["claude-2.1", "falcon-7b-instruct", "gpt-3.5-turbo-1106", "vicuna-7b"])("%s: win rate, SE and counts reproduce the leaderboard", (model) => {
    const e = evals.find((x) => x.model === model);
    const nameCol = board.columns[0];
    const row = board.rows.find((r) => r[nameCol] === model) as Record<string, string>;
    expect(row).toBeDefined();
    expect(e?.winRate.win_rate).toBeCloseTo(Number(row.win_rate), 10);
    expect(e?.winRate.standard_error).toBeCloseTo(Number(row.standard_error), 10);
    expect(e?.winRate.discrete_win_rate).toBeCloseTo(Number(row.discrete_win_rate), 10);
    expect(e?.winRate.n_wins).toBe(Number(row.n_wins));
    expect(e?.winRate.n_wins_base).toBe(Number(row.n_wins_base));
    expect(e?.winRate.n_draws).toBe(Number(row.n_draws));
    expect(e?.winRate.n_total).toBe(Number(row.n_total));
  });
  it("keeps soft preferences", () => {
    const set = loadAlpacaEvalAnnotations(path.join(dir, "results", "vicuna-7b", "weighted_alpaca_eval_gpt4_turbo", "annotations.json"));
    expect(set.pairs.length).toBe(805);
    expect(set.records.every((r) => r.soft !== undefined && r.soft >= 0 && r.soft <= 1)).toBe(true);
  });
});

describeShared("Auto-J pairs", "judge/autoj", (dir) => {
  it("loads 1392 pairs with ties and reproduces the leaderboard's overall 59.99 agreement of the example output", () => {
    const pairs = loadAutoJPairs(path.join(dir, "testdata_pairwise.jsonl"));
    expect(pairs.length).toBe(1392);
    expect(pairs.filter((p) => p.label === "tie").length).toBe(373);
    const e = evaluateAutoJ(dir);
    expect(e.scores.n).toBe(1392);
    expect((e.scores.accuracy * 100).toFixed(2)).toBe("59.99");
    expect(Object.keys(e.byScenario).length).toBeGreaterThan(40);
  });
});

describe("importer errors", () => {
  it("a bad label names file and field", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "llmbar-"));
    fs.writeFileSync(path.join(tmp, "dataset.json"), JSON.stringify([{ input: "i", output_1: "a", output_2: "b", label: 3 }]));
    expect(() => loadLlmbarDataset(tmp)).toThrow(InputError);
    expect(() => loadLlmbarDataset(tmp)).toThrow(/dataset.json field '\[0\]\.label'/);
    fs.writeFileSync(path.join(tmp, "t.jsonl"), JSON.stringify({ scenario: "s", label: 0, prompt: "p", "response 1": "a", "response 2": "b" }) + "\n" + JSON.stringify({ scenario: "s", label: 5, prompt: "p", "response 1": "a", "response 2": "b" }) + "\n");
    expect(() => loadAutoJPairs(path.join(tmp, "t.jsonl"))).toThrow(/t\.jsonl:2 field 'label'/);
  });
});

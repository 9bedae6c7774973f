import * as fs from "node:fs";
import type { Command } from "../command";
import { UserError, UsageError } from "../../util/errors";
import { readJsonlRows } from "../../io/jsonl";
import { evaluateAlpacaEval, evaluateAutoJ, evaluateLlmbar, parseVerdictRecords } from "../../studies/self-taught/real-judges";
import { scoreJudge, type Scoring } from "../../studies/self-taught/metrics/judge-scores";
import { loadAutoJPairs } from "../../data/judge/autoj";
import { findLlmbarEvaluators, loadLlmbarDataset } from "../../data/judge/llmbar";
import { findAlpacaEvalAnnotations, loadAlpacaEvalAnnotations } from "../../data/judge/alpaca-eval";
import type { JudgePair, Preference } from "../../data/judge/types";
import { sharedDataPath } from "../../io/paths";
import * as path from "node:path";

const DEFAULT_SUBPATH: Record<string, string> = { llmbar: "judge/llmbar", "alpaca-eval": "judge/alpaca_eval/results", autoj: "judge/autoj" };

function round(x: number, d = 6): number {
  return Number.isFinite(x) ? Number(x.toFixed(d)) : x;
}

/** All pairs of a dataset under `root` (for --verdicts). */
function allPairs(dataset: string, root: string): { pairs: JudgePair[]; gold?: Map<string, Preference> } {
  if (dataset === "llmbar") {
    const dirs = Array.from(new Set(findLlmbarEvaluators(root).map((e) => e.subsetDir)));
    const pairs = dirs.flatMap((d) => loadLlmbarDataset(d));
    if (pairs.length === 0 && fs.existsSync(path.join(root, "dataset.json"))) return { pairs: loadLlmbarDataset(root) };
    return { pairs };
  }
  if (dataset === "autoj") return { pairs: loadAutoJPairs(fs.statSync(root).isFile() ? root : path.join(root, "testdata_pairwise.jsonl")) };
  // AlpacaEval: the annotator's discrete verdict is the reference label
  const gold = new Map<string, Preference>();
  const pairs: JudgePair[] = [];
  for (const f of findAlpacaEvalAnnotations(root)) {
    const s = loadAlpacaEvalAnnotations(f);
    pairs.push(...s.pairs);
    for (const r of s.records) if (r.forward !== null) gold.set(r.pairId, r.forward);
  }
  return { pairs, gold };
}

export const command: Command = {
  name: "judge-eval",
  summary: "Accuracy, 95% CI and order consistency of recorded judges on real labelled pairwise sets (LLMBar, AlpacaEval, Auto-J), as JSON.",
  description:
    "llmbar: every evaluator folder with a result.json under --path is scored (accuracy in the original and swapped order, Wilson 95% CI, " +
    "correct-in-both-orders, order consistency, invalid-verdict rate) and LLMBar's own statistics are recomputed and compared with its statistics.json " +
    "(`reproduced` lists any mismatch). alpaca-eval: AlpacaEval win rates of every annotations.json (as its leaderboard computes them). " +
    "autoj: agreement of a prediction file (default: the example output) with the human labels, ties included. " +
    "--verdicts FILE scores your own judge's verdicts (JSONL {pairId, forward, swapped?}; verdicts 1, 2, \"tie\" or null) against the gold labels instead " +
    "(for alpaca-eval: against the recorded annotator's discrete verdict). --path defaults to the shared data folder.",
  options: [
    { name: "dataset", type: "string", required: true, choices: ["llmbar", "alpaca-eval", "autoj"], description: "Which dataset format." },
    { name: "path", type: "string", placeholder: "DIR", description: "Dataset folder (or file); default ../shared/data/judge/<dataset>." },
    { name: "scoring", type: "string", default: "strict", choices: ["strict", "rewardbench"], description: "strict: invalid = wrong; rewardbench: invalid = 0.5." },
    { name: "kappa", type: "string", default: "original", choices: ["original", "fixed"], description: "LLMBar kappa: reproduce evaluate.py's label mapping, or the fixed one." },
    { name: "predictions", type: "string", placeholder: "FILE", description: "autoj: prediction file ({\"output\": 0|1|2} per line)." },
    { name: "exchange", type: "string", placeholder: "FILE", description: "autoj: predictions with the responses swapped (for consistency)." },
    { name: "verdicts", type: "string", placeholder: "FILE", description: "Score this verdicts JSONL against the gold labels." },
    { name: "judge", type: "string", default: "verdicts", description: "Name of the judge in --verdicts / --predictions output." },
  ],
  examples: [
    "npx evalbook judge-eval --dataset llmbar --path ../shared/data/judge/llmbar",
    "npx evalbook judge-eval --dataset autoj --path ../shared/data/judge/autoj --scoring rewardbench",
    "npx evalbook judge-eval --dataset llmbar --path ../shared/data/judge/llmbar/Dataset/LLMBar/Natural --verdicts runs/x/verdicts.jsonl",
  ],
  run(args, ctx) {
    const dataset = args.options.dataset as string;
    const scoring = args.options.scoring as Scoring;
    let root = args.options.path as string | undefined;
    if (!root) {
      root = sharedDataPath(DEFAULT_SUBPATH[dataset]);
      if (!root) throw new UsageError("--path is required (no shared data folder found)");
    }
    root = path.resolve(root);
    const verdicts = args.options.verdicts as string | undefined;
    if (verdicts) {
      const { pairs, gold } = allPairs(dataset, root);
      const records = parseVerdictRecords(readJsonlRows(verdicts), verdicts, args.options.judge as string);
      const s = scoreJudge(pairs, records, { scoring, gold });
      ctx.json({ dataset, path: root, ...s });
      return 0;
    }
    if (dataset === "llmbar") {
      const evals = evaluateLlmbar(root, { scoring, kappa: args.options.kappa as "original" | "fixed" });
      if (evals.length === 0) {
        throw new UserError(root + ": no recorded judge results (<subset>/evaluators/<judge>/<strategy>/result.json) found; to score your own judge on these pairs pass --verdicts FILE");
      }
      const judges = evals.map((e) => ({
        subset: e.subset,
        judge: e.judge,
        n: e.scores.n,
        accuracy: round(e.scores.accuracy),
        ci95: [round(e.scores.ci.lower), round(e.scores.ci.upper)],
        accuracySwapped: round(e.scores.bothOrders?.accuracySwapped ?? NaN),
        accuracyAverage: round(e.scores.bothOrders?.accuracyAverage ?? NaN),
        correctBoth: round(e.scores.bothOrders?.correctBoth ?? NaN),
        consistency: round(e.scores.bothOrders?.consistency ?? NaN),
        invalidRate: round(e.scores.invalidRate),
        llmbar: { ...e.recomputed.strings, kappa_False: e.recomputed.kappa_False, kappa_True: e.recomputed.kappa_True, kappa_agreement: e.recomputed.kappa_agreement },
        recorded: e.recorded ? { correct_False: e.recorded.correct_False, correct_True: e.recorded.correct_True, correct_average: e.recorded.correct_average, correct_both: e.recorded.correct_both, equal: e.recorded.equal } : null,
        matchesStatistics: e.recorded ? e.mismatches.length === 0 : null,
        mismatches: e.mismatches,
      }));
      const checked = evals.filter((e) => e.recorded).length;
      const matched = evals.filter((e) => e.recorded && e.mismatches.length === 0).length;
      ctx.json({ dataset, path: root, scoring, kappa: args.options.kappa, judges, reproduced: { checked, matched, mismatched: judges.filter((j) => j.matchesStatistics === false).map((j) => j.subset + " " + j.judge) } });
      if (checked === 0) ctx.warn("judge-eval: no result.json with a statistics.json found under " + root);
      return 0;
    }
    if (dataset === "alpaca-eval") {
      const evals = evaluateAlpacaEval(root);
      ctx.json({ dataset, path: root, annotations: evals.map((e) => ({ model: e.model, reference: e.reference, annotator: e.annotator, n: e.n, ...e.winRate, tieRate: e.tieRate, invalidRate: e.invalidRate })) });
      return 0;
    }
    const e = evaluateAutoJ(root, { predictions: args.options.predictions as string | undefined, exchange: args.options.exchange as string | undefined, scoring, judge: args.options.predictions ? (args.options.judge as string) : undefined });
    ctx.json({
      dataset,
      path: root,
      judge: e.judge,
      scoring,
      n: e.scores.n,
      agreement: round(e.scores.accuracy * 100, 4),
      ci95: [round(e.scores.ci.lower * 100, 4), round(e.scores.ci.upper * 100, 4)],
      consistency: e.scores.bothOrders ? round(e.scores.bothOrders.consistency * 100, 4) : null,
      invalidRate: round(e.scores.invalidRate),
      byScenario: e.byScenario,
    });
    return 0;
  },
};

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { startOfflineLLM } from "../../lib/llm/index";
import type { SuperniTask } from "../../lib/data/superni/index";
import { parseCsv } from "../../lib/io/csv";
import {
  buildDataset,
  buildEvalPrompt,
  datasetCsv,
  definitionSentence,
  evaluateTasks,
  firstSentence,
  loadEvalTemplates,
  meanContinuationLogprob,
  selectInstances,
  runExperiment,
  errorsByCategory,
  MEAN_FAMILY,
  defaultFamilies,
  parseEvalPrompt,
  type PerfPredData,
} from "../../lib/studies/perf-pred/index";
import { NumpyRandomState } from "../../lib/random/numpy-random";

function task(name: string, n: number, definition = "Answer the question"): SuperniTask {
  return {
    task: name,
    definition,
    definitionParts: [definition],
    categories: ["Question Answering"],
    source: [],
    domains: [],
    reasoning: [],
    positiveExamples: [
      { input: "Is the sky blue?", output: "yes" },
      { input: "Is fire cold?", output: "no" },
    ],
    negativeExamples: [],
    instances: Array.from({ length: n }, (_, i) => ({ id: name + "-" + i, input: "question " + i + "?", output: i % 2 ? ["no"] : ["yes", "Yes!"] })),
    nInstances: n,
  };
}

describe("evaluation prompt", () => {
  const t = loadEvalTemplates();
  it("appends a period to a definition without final punctuation", () => {
    expect(definitionSentence("Answer the question")).toBe("Answer the question.");
    expect(definitionSentence("Is it true? ")).toBe("Is it true?");
    expect(definitionSentence("Say \"yes\"")).toBe('Say "yes"');
  });
  it("lays out definition, examples, Input and Output", () => {
    expect(buildEvalPrompt(t, "Answer the question", " Why? ")).toBe("Answer the question.\n\nInput: Why?\nOutput:");
    const ex = [{ input: "a", output: "b" }, { input: "c", output: "d" }];
    expect(buildEvalPrompt(t, "Do it.", "x", ex, 1)).toBe("Do it.\n\nInput: a\nOutput: b\n\nInput: x\nOutput:");
    const parsed = parseEvalPrompt(buildEvalPrompt(t, "Do it.", "x y", ex, 2));
    expect(parsed).toEqual({ definition: "Do it.", exampleOutputs: ["b", "d"], input: "x y" });
  });
  it("truncates chat answers to the first sentence", () => {
    expect(firstSentence("  Yes. Because the sky is blue.")).toBe("Yes.");
    expect(firstSentence("positive\nExplanation: ...")).toBe("positive");
    expect(firstSentence("3.14 is pi")).toBe("3.14 is pi");
  });
  it("selects the first 100 of a numpy-seeded shuffle", () => {
    const s = selectInstances(task("t", 150), 100, 42);
    expect(s.length).toBe(100);
    expect(s.map((x) => x.index)).toEqual(new NumpyRandomState(42).permutation(150).slice(0, 100));
    expect(selectInstances(task("t", 7)).length).toBe(7);
    expect(selectInstances(task("t", 150), 3, 42, "file").map((x) => x.id)).toEqual(["t-0", "t-1", "t-2"]);
  });
  it("averages the log-probs of the continuation tokens only", () => {
    const toks = [{ token: "Out", logprob: null }, { token: "put:", logprob: -1 }, { token: " y", logprob: -2 }, { token: "es", logprob: -4 }];
    expect(meanContinuationLogprob(toks, 7)).toEqual({ mean: -3, count: 2 });
    expect(() => meanContinuationLogprob([{ token: "a", logprob: null }], 0)).toThrow(/no log-probability/);
  });
});

describe("evaluation stage through the loopback server (simulated)", () => {
  it("scores tasks, records stages and resumes without new requests", { timeout: 120000 }, async () => {
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "perfpred-run-"));
    const tasks = [task("task_a", 12), task("task_b", 6, "Classify the sentiment")];
    const off = await startOfflineLLM({ roles: { generator: "simulated/perf-pred" }, runDir });
    try {
      const r = await evaluateTasks({ llm: off.llm, runDir, tasks, maxInstances: 10, examples: 2 });
      expect(r.simulated).toBe(true);
      expect(r.failed).toEqual([]);
      expect(r.scores.map((s) => s.n)).toEqual([10, 6]);
      for (const s of r.scores) {
        expect(s.rougeL).toBeGreaterThanOrEqual(0);
        expect(s.rougeL).toBeLessThanOrEqual(100);
        expect(Number.isFinite(s.avgLoss) && s.avgLoss > 0).toBe(true);
      }
      // per-task ROUGE-L is the mean of the instance scores x100
      const a = r.generations.filter((g) => g.task === "task_a");
      expect(r.scores[0].rougeL).toBeCloseTo((100 * a.reduce((x, g) => x + g.rougeL, 0)) / a.length, 12);
      expect(fs.existsSync(path.join(runDir, "generate.jsonl"))).toBe(true);
      const before = off.server.requests.length;
      expect(before).toBe(32); // 16 generations + 16 loss requests
      const again = await evaluateTasks({ llm: off.llm, runDir, tasks, maxInstances: 10, examples: 2 });
      expect(off.server.requests.length).toBe(before);
      expect(again.scores).toEqual(r.scores);
      expect(again.simulated).toBe(true); // a resumed run stays labelled simulated
      off.llm.setRole("generator", { model: "simulated/perf-pred?copy=0.2" });
      await expect(evaluateTasks({ llm: off.llm, runDir, tasks })).rejects.toThrow(/holds answers of model 'simulated\/perf-pred'/);
      off.llm.setRole("generator", { model: "simulated/perf-pred" });
      const chat = await evaluateTasks({ llm: off.llm, runDir: path.join(runDir, "chat"), tasks: [tasks[1]], api: "chat", loss: false });
      // chat answers are cut to the first line/sentence by default
      for (const g of chat.generations) expect(g.prediction).not.toMatch(/This answer follows/);
      expect(Number.isNaN(chat.scores[0].avgLoss)).toBe(true);
    } finally {
      await off.close();
    }
  });
});

describe("dataset builder", () => {
  it("writes the original columns in list order and refuses silent drops", () => {
    const tasks = [task("t1", 1, "Def one"), task("t2", 1, "Def, two")];
    const scores = [
      { task: "t2", n: 1, rougeL: 50, exactMatch: 0, avgLoss: 1.5, failed: 0 },
      { task: "t1", n: 1, rougeL: 100, exactMatch: 100, avgLoss: NaN, failed: 0 },
    ];
    const { rows } = buildDataset(["t1", "t2"], tasks, scores);
    expect(rows.map((r) => r.task)).toEqual(["t1", "t2"]);
    const csv = datasetCsv(rows);
    const table = parseCsv(csv, "x.csv");
    expect(table.columns).toEqual(["task", "definition", "category", "predict_rougeL", "predict_exact_match", "predict_avg_loss"]);
    expect(csv.split("\n")[2]).toBe('t2,"Def, two",Question Answering,50,0,1.5');
    expect(csv.split("\n")[1].endsWith(",100,100,")).toBe(true);
    expect(() => buildDataset(["t1", "t3"], tasks, scores)).toThrow(/t3/);
    expect(buildDataset(["t1", "t3"], tasks, scores, { skipMissing: true }).missing).toEqual(["t3"]);
  });
});

describe("experiment", () => {
  // Synthetic data where the score depends on a word in the text: predictors must beat the mean.
  const words = ["classify", "translate", "summarize", "answer"];
  const base: Record<string, number> = { classify: 80, translate: 20, summarize: 35, answer: 55 };
  const n = 60;
  const data: PerfPredData = {
    label: "synthetic",
    ids: Array.from({ length: n }, (_, i) => "t" + i),
    texts: Array.from({ length: n }, (_, i) => words[i % 4] + " the input item" + i),
    y: Array.from({ length: n }, (_, i) => base[words[i % 4]] + ((i * 7) % 5)),
    categories: Array.from({ length: n }, (_, i) => words[i % 4]),
  };
  it("selects by dev MSE and reports mean and population std of test RMSE", () => {
    const fams = defaultFamilies({ mlp: false });
    const r = runExperiment(data, { seeds: [42, 43, 44], families: fams });
    expect(r.results.length).toBe(3 * fams.length);
    const mean = r.summary.find((s) => s.family === "mean")!;
    const ridge = r.summary.find((s) => s.family === "ridge-tfidf")!;
    expect(ridge.meanRmse).toBeLessThan(0.3 * mean.meanRmse);
    const v = r.results.filter((x) => x.family === "mean").map((x) => x.testRmse);
    const m = v.reduce((a, b) => a + b, 0) / 3;
    expect(mean.meanRmse).toBeCloseTo(m, 12);
    expect(mean.stdRmse).toBeCloseTo(Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / 3), 12);
    // mean baseline predicts the training mean for every test item
    const first = r.results.find((x) => x.family === "mean")!;
    expect(new Set(first.test.map((t) => t.predicted)).size).toBe(1);
    const cats = errorsByCategory(r);
    expect(cats.filter((c) => c.family === "mean").reduce((s, c) => s + c.n, 0)).toBe(3 * 6);
  });
  it("runs leave-one-category-out and by-task modes", () => {
    const r = runExperiment(data, { mode: "category", families: [MEAN_FAMILY] });
    expect(r.results.map((x) => x.split)).toEqual(["category classify", "category translate", "category summarize", "category answer"]);
    const g = runExperiment({ ...data, groups: data.ids.map((_, i) => "g" + (i % 20)) }, { mode: "task", seeds: [1], families: [MEAN_FAMILY] });
    expect(g.results[0].test.length).toBe(6);
  });
});

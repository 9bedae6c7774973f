import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readJson } from "../../lib/io/json";
import { InputError, UserError } from "../../lib/util/errors";
import { readModels, dropUntrained, sortByCompute } from "../../lib/studies/correlations/models";
import { pivotScores, readScoreRows } from "../../lib/studies/correlations/score-table";
import { correlateWithCompute } from "../../lib/studies/correlations/compute-correlations";
import type { ScoreRow } from "../../lib/studies/correlations/log-samples";
import { correlateColumns } from "../../lib/stats/correlate-columns";
import { correlation } from "../../lib/stats/correlation";

const FIX = path.join(process.cwd(), "tests/fixtures/correlations");
interface Expected {
  scores: (ScoreRow & { model: string; task: string })[];
  correlations: { task: string; metric: string; method: "pearson" | "spearman" | "kendall"; models: string[]; correlations: number[]; pvalues: number[] }[];
}
const expected = readJson<Expected>(path.join(FIX, "expected.json"), { allowNaN: true });

describe("model registry", () => {
  it("reads the original's CSV format, computes 6·N·D and drops zero-token checkpoints", () => {
    const models = readModels(path.join(FIX, "models.csv"));
    expect(models).toHaveLength(5);
    const m = models.find((x) => x.nickname === "Pythia_1B_300B")!;
    expect(m.compute).toBe(6 * 1e9 * 300e9);
    const { kept, dropped } = dropUntrained(models);
    expect(dropped.map((d) => d.nickname)).toEqual(["Pythia_70M_0B"]);
    expect(sortByCompute(kept).map((d) => d.nickname)).toEqual(["Pythia_70M_2B", "Pythia_160M_20B", "Pythia_410M_60B", "Pythia_1B_300B"]);
  });
  it("a registry exported as JSONL (as `import --format koyejolab` writes it) reads back identically", () => {
    const models = readModels(path.join(FIX, "models.csv"));
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "corr-rt-")), "models.jsonl");
    fs.writeFileSync(p, models.map((m) => JSON.stringify(m)).join("\n") + "\n");
    expect(readModels(p)).toEqual(models);
  });

  it("reads JSONL registries and rejects bad entries", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corr-models-"));
    const p = path.join(dir, "m.jsonl");
    fs.writeFileSync(p, JSON.stringify({ nickname: "a", family: "F", parameters: 10, tokens: 5 }) + "\n");
    expect(readModels(p)[0].compute).toBe(300);
    fs.writeFileSync(p, JSON.stringify({ nickname: "a", family: "F", parameters: 10, tokens: 5 }) + "\n" + JSON.stringify({ nickname: "b", family: "F", parameters: -1, tokens: 5 }) + "\n");
    expect(() => readModels(p)).toThrow(/m\.jsonl:2 field 'parameters'/);
    const c = path.join(dir, "m.csv");
    fs.writeFileSync(c, "Model Family,Model Nickname,HuggingFace Path,HuggingFace Revision,Tokens,Parameters\nF,a,x,y,lots,10\n");
    expect(() => readModels(c)).toThrow(InputError);
    expect(() => readModels(c)).toThrow(/m\.csv:2 field 'Tokens': expected a number, found 'lots'/);
  });
});

describe("per-sample correlations with compute match scipy on the fixture (models sorted, 0-token dropped, Brier negated)", () => {
  const registry = readModels(path.join(FIX, "models.csv"));
  const matrices = pivotScores(expected.scores.map((row) => ({ row })));
  for (const ref of expected.correlations) {
    it(ref.task + " / " + ref.metric + " / " + ref.method, () => {
      const m = matrices.find((x) => x.task === ref.task && x.metric === ref.metric)!;
      const [res] = correlateWithCompute(m, registry, ref.method);
      expect(res.models).toEqual(ref.models);
      expect(res.dropped).toEqual(["Pythia_70M_0B"]);
      expect(res.correlations.length).toBe(ref.correlations.length);
      ref.correlations.forEach((c, j) => {
        if (Number.isNaN(c)) expect(res.correlations[j]).toBeNaN();
        else expect(Math.abs(res.correlations[j] - c)).toBeLessThan(1e-12);
      });
      expect(res.summary.n).toBe(ref.correlations.length);
      const [withP] = correlateWithCompute(m, registry, ref.method, { pValues: true });
      expect(withP.pValues!.length).toBe(ref.correlations.length);
      withP.pValues!.forEach((p, j) => {
        const want = ref.pvalues[j];
        if (Number.isNaN(want)) expect(p).toBeNaN();
        else if (1 - Math.abs(ref.correlations[j]) > 1e-12) expect(Math.abs(p - want)).toBeLessThanOrEqual(Math.max(1e-15, 1e-9 * want));
      });
    });
  }
});

describe("score table", () => {
  it("pivot marks missing cells NaN and rejects duplicates", () => {
    const rows: { row: ScoreRow; line: number }[] = [
      { row: { model: "a", sample_idx: 0, metric: "acc", score: 1 }, line: 1 },
      { row: { model: "b", sample_idx: 1, metric: "acc", score: 0 }, line: 2 },
    ];
    const [m] = pivotScores(rows, "s.jsonl");
    expect(m.sampleIds).toEqual([0, 1]);
    expect(m.missing).toBe(2);
    expect(Array.from(m.values)).toEqual([1, NaN, NaN, 0]);
    expect(() => pivotScores([...rows, { row: { model: "a", sample_idx: 0, metric: "acc", score: 0 }, line: 3 }], "s.jsonl")).toThrow(
      /s\.jsonl:3 field 'sample_idx': duplicate score for model 'a', sample 0, metric 'acc' \(first on line 1\)/,
    );
  });
  it("reads null scores as NaN and names bad fields", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corr-scores-"));
    const p = path.join(dir, "s.jsonl");
    fs.writeFileSync(p, '{"model":"a","sample_idx":0,"metric":"acc","score":null}\n{"model":"a","sample_idx":1.5,"metric":"acc","score":1}\n');
    expect(() => readScoreRows(p)).toThrow(/s\.jsonl:2 field 'sample_idx'/);
    fs.writeFileSync(p, '{"model":"a","sample_idx":0,"metric":"acc","score":null}\n');
    expect(readScoreRows(p)[0].row.score).toBeNaN();
  });
  it("models missing from the registry are a UserError", () => {
    const [m] = pivotScores([{ row: { model: "ghost", sample_idx: 0, metric: "acc", score: 1 } }]);
    expect(() => correlateWithCompute(m, [], "pearson")).toThrow(UserError);
  });
});

describe("correlateColumns equals per-column correlation", () => {
  it("for all three methods, with ties, constants and NaN columns", () => {
    const x = [18.1, 18.9, 19.5, 20.2, 21.0, 21.7, 22.4];
    const cols = [
      [0, 0, 1, 0, 1, 1, 1],
      [0.2, 0.1, 0.5, 0.4, 0.4, 0.9, 0.8],
      [1, 1, 1, 1, 1, 1, 1],
      [0.1, NaN, 0.3, 0.3, 0.5, 0.6, 0.7],
    ];
    const n = x.length;
    const mat = new Float64Array(n * cols.length);
    cols.forEach((c, j) => c.forEach((v, i) => (mat[i * cols.length + j] = v)));
    for (const method of ["pearson", "spearman", "kendall"] as const) {
      const got = correlateColumns(method, x, mat, n, cols.length);
      cols.forEach((c, j) => {
        const want = correlation(method, x, c);
        if (Number.isNaN(want)) expect(got[j]).toBeNaN();
        else expect(got[j]).toBe(want);
      });
    }
  });
});

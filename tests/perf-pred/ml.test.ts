import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fitKnn, fitMeanBaseline, fitMlp, fitRidge, fromRows, linearToOnnx, mlpToOnnx, scoreOnnx, TfidfVectorizer, wordNgrams } from "../../lib/ml/index";

const ridgeCases = JSON.parse(fs.readFileSync(path.join(process.cwd(), "tests", "fixtures", "perf-pred", "ridge.json"), "utf8")) as {
  X: number[][];
  y: number[];
  alpha: number;
  w: number[];
  b: number;
}[];

describe("TfidfVectorizer (scikit-learn defaults)", () => {
  it("tokenises like sklearn's default pattern and builds n-grams", () => {
    expect(wordNgrams("A cat, the CAT's toy!", [1, 2])).toEqual(["cat", "the", "cat", "toy", "cat the", "the cat", "cat toy"]);
  });
  it("computes smooth idf and l2-normalised rows (hand-computed)", () => {
    const v = new TfidfVectorizer({ ngramRange: [1, 1] });
    const x = v.fitTransform(["aa bb", "aa cc", "aa aa"]);
    expect([...v.vocabulary.keys()]).toEqual(["aa", "bb", "cc"]);
    // idf(aa) = ln(4/4)+1 = 1; idf(bb) = idf(cc) = ln(4/2)+1.
    const ib = Math.log(2) + 1;
    expect(v.idf[0]).toBeCloseTo(1, 15);
    expect(v.idf[1]).toBeCloseTo(ib, 15);
    const n0 = Math.sqrt(1 + ib * ib);
    expect(x.data[0]).toBeCloseTo(1 / n0, 15);
    expect(x.data[1]).toBeCloseTo(ib / n0, 15);
    expect(x.data[2]).toBe(0);
    // third doc: tf(aa) = 2 -> only aa -> normalised to 1.
    expect(x.data[6]).toBeCloseTo(1, 15);
    // unknown terms are ignored
    expect(Array.from(v.transform(["zz"]).data)).toEqual([0, 0, 0]);
  });
  it("honours minDf and maxFeatures", () => {
    const v = new TfidfVectorizer({ ngramRange: [1, 1], minDf: 2 }).fit(["aa bb", "aa cc", "aa bb"]);
    expect([...v.vocabulary.keys()]).toEqual(["aa", "bb"]);
    const w = new TfidfVectorizer({ ngramRange: [1, 1], maxFeatures: 1 }).fit(["aa bb", "aa cc", "aa bb"]);
    expect([...w.vocabulary.keys()]).toEqual(["aa"]);
  });
});

describe("ridge", () => {
  it("matches numpy's least-squares solution in primal and dual form", () => {
    for (const c of ridgeCases) {
      const m = fitRidge(fromRows(c.X), c.y, c.alpha);
      c.w.forEach((w, j) => expect(Math.abs(m.weights[j] - w)).toBeLessThan(1e-9));
      expect(Math.abs(m.intercept - c.b)).toBeLessThan(1e-9);
    }
  });
  it("rejects bad input", () => {
    expect(() => fitRidge(fromRows([[1], [2]]), [1], 1)).toThrow(/rows/);
    expect(() => fitRidge(fromRows([[1], [2]]), [1, 2], 0)).toThrow(/alpha/);
  });
});

describe("kNN and mean baseline", () => {
  const x = fromRows([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]]);
  const y = [10, 20, 30, 40];
  it("averages the k nearest by cosine", () => {
    const m = fitKnn(x, y, { k: 2 });
    expect(Array.from(m.predict(fromRows([[1, 0.05], [0.05, 1]])))).toEqual([15, 35]);
  });
  it("uses inverse-distance weights on request (euclidean)", () => {
    const m = fitKnn(x, y, { k: 2, metric: "euclidean", weights: "distance" });
    const p = m.predict(fromRows([[1, 0]]))[0];
    expect(p).toBe(10); // exact match takes all the weight
    const q = m.predict(fromRows([[0.95, 0.05]]))[0];
    expect(q).toBeCloseTo(15, 12); // equidistant from rows 0 and 1
  });
  it("mean baseline predicts the training mean", () => {
    expect(Array.from(fitMeanBaseline(y).predict(fromRows([[0, 0], [1, 1]])))).toEqual([25, 25]);
  });
});

describe("MLP", () => {
  const docs = Array.from({ length: 40 }, (_, i) => "word" + (i % 5) + " term" + (i % 3) + " x" + i);
  const y = docs.map((_, i) => 10 * (i % 5) + 3 * (i % 3));
  const x = new TfidfVectorizer({ ngramRange: [1, 1] }).fitTransform(docs);
  it("is deterministic for a seed and learns the training data", () => {
    const a = fitMlp(x, y, { seed: 3, epochs: 400, hidden: 16, learningRate: 0.01 });
    const b = fitMlp(x, y, { seed: 3, epochs: 400, hidden: 16, learningRate: 0.01 });
    const c = fitMlp(x, y, { seed: 4, epochs: 400, hidden: 16, learningRate: 0.01 });
    expect(Array.from(a.predict(x))).toEqual(Array.from(b.predict(x)));
    expect(Array.from(a.predict(x))).not.toEqual(Array.from(c.predict(x)));
    const mse = (p: Float64Array) => p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / y.length;
    const base = mse(fitMeanBaseline(y).predict(x));
    expect(mse(a.predict(x))).toBeLessThan(0.1 * base);
  });
});

describe("ONNX export scored by onnxruntime-node", () => {
  const docs = ["classify the sentiment", "translate to french", "answer the question", "classify the topic", "write a title", "solve the math question"];
  const y = [80, 20, 45, 70, 30, 50];
  const v = new TfidfVectorizer();
  const x = v.fitTransform(docs);
  const xq = v.transform(["classify the question", "translate the title", "nothing known"]);
  it("agrees with the in-process ridge predictions (1e-5)", async () => {
    const m = fitRidge(x, y, 0.5);
    const want = m.predict(xq);
    const got = await scoreOnnx(linearToOnnx(m), xq);
    expect(got.length).toBe(3);
    got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThan(1e-5));
  });
  it("agrees with the in-process MLP predictions (1e-5)", async () => {
    const m = fitMlp(x, y, { seed: 1, hidden: 8, epochs: 200, learningRate: 0.01 });
    const want = m.predict(xq);
    const got = await scoreOnnx(mlpToOnnx(m), xq);
    got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThan(1e-5));
    // the exported graph is not trivially constant
    expect(Math.max(...got) - Math.min(...got)).toBeGreaterThan(1e-3);
  });
});

import { describe, expect, it } from "vitest";
import * as stats from "../../lib/stats/index";

describe("hand-worked correlation cases", () => {
  it("ranks average ties and propagate NaN", () => {
    expect(Array.from(stats.rank([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(Array.from(stats.rank([3, 3, 3]))).toEqual([2, 2, 2]);
    expect(Array.from(stats.rank([1, NaN]))).toEqual([NaN, NaN]);
  });

  it("n = 2 gives exactly ±1 (pearson, kendall) and NaN for a constant side", () => {
    expect(stats.pearson([1, 2], [5, 3])).toBe(-1);
    expect(stats.kendall([1, 2], [5, 3])).toBe(-1);
    expect(Math.abs(stats.spearman([1, 2], [5, 3]) + 1)).toBeLessThan(1e-15);
    expect(stats.pearson([1, 2], [4, 4])).toBeNaN();
    expect(stats.spearman([1, 2], [4, 4])).toBeNaN();
    expect(stats.kendall([1, 2], [4, 4])).toBeNaN();
  });

  it("constant input, NaN input and n < 2 are NaN", () => {
    for (const f of [stats.pearson, stats.spearman, stats.kendall]) {
      expect(f([7, 7, 7], [1, 2, 3])).toBeNaN();
      expect(f([1, 2, 3], [0, 0, 0])).toBeNaN();
      expect(f([1, NaN, 3], [1, 2, 3])).toBeNaN();
      expect(f([1], [2])).toBeNaN();
      expect(f([], [])).toBeNaN();
    }
  });

  it("kendall tau-b with ties worked by hand", () => {
    // x = 1,2,3 ; y = 1,2,2: pairs (1,2) C, (1,3) C, (2,3) tied in y
    // tau_b = (2 - 0) / sqrt(3 - 0) / sqrt(3 - 1) = 2 / sqrt(6)
    expect(stats.kendall([1, 2, 3], [1, 2, 2])).toBeCloseTo(2 / Math.sqrt(6), 15);
    const c = stats.kendallCounts([1, 1, 2], [1, 2, 2]);
    expect(c).toEqual({ total: 3, xTies: 1, yTies: 1, jointTies: 0, discordant: 0 });
  });

  it("spearman on ties equals pearson on average ranks", () => {
    const x = [1, 2, 2, 3, 5];
    const y = [2, 2, 1, 4, 4];
    expect(stats.spearman(x, y)).toBeCloseTo(stats.pearson(stats.rank(x), stats.rank(y)), 14);
  });

  it("pearson is invariant to huge offsets and tiny scales (scaled norms)", () => {
    const y = [3, 1, 4, 1, 5];
    const base = stats.pearson([0, 1, 2, 3, 4], y);
    expect(stats.pearson([1e12, 1e12 + 1, 1e12 + 2, 1e12 + 3, 1e12 + 4], y)).toBeCloseTo(base, 12);
    expect(stats.pearson([0, 1e-300, 2e-300, 3e-300, 4e-300], y)).toBeCloseTo(base, 12);
  });

  it("different lengths throw", () => {
    expect(() => stats.pearson([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => stats.correlation("kendall", [1], [1, 2])).toThrow(RangeError);
    expect(() => stats.correlationFunction("tau" as never)).toThrow(/unknown correlation method/);
  });
});

describe("survival AUC and summary", () => {
  it("original trapezoid AUC: all +1 gives 1, all −1 gives 0, a point mass at 0 gives 0.5", () => {
    // x = -1, 1, 1 ; y = 1, 0, 0 → 2·(1+0)/2 = 1 (the original's comment expects 2: see README)
    expect(stats.survivalAuc([1, 1, 1])).toBe(1);
    expect(stats.survivalAuc([-1, -1])).toBe(0);
    // x = -1, 0, 1 ; y = 1, 0, 0 → 1·(1+0)/2 + 1·0 = 0.5
    expect(stats.survivalAuc([0])).toBe(0.5);
  });

  it("step AUC integrates the survival step function exactly (1 + mean)", () => {
    expect(stats.survivalAuc([1, 1, 1], { method: "step" })).toBe(2);
    expect(stats.survivalAuc([-1, -1], { method: "step" })).toBe(0);
    expect(stats.survivalAuc([0], { method: "step" })).toBe(1);
    const c = [0.3, -0.2, 0.9, 0.9, 0.5];
    expect(stats.survivalAuc(c, { method: "step" })).toBeCloseTo(1 + stats.mean(c), 14);
  });

  it("rejects correlations outside [-1, 1]", () => {
    expect(() => stats.survivalAuc([0.2, 1.5])).toThrow(RangeError);
  });

  it("summary counts NaN, ignores it elsewhere, and is all-NaN when nothing is finite", () => {
    const s = stats.summarizeCorrelations([1, NaN, 1, NaN]);
    expect(s.n).toBe(4);
    expect(s.numNaN).toBe(2);
    expect(s.fracNaN).toBe(0.5);
    expect(s.mean).toBe(1);
    expect(s.negWasserstein1).toBeCloseTo(0, 15);
    expect(s.negWasserstein2).toBe(-2);
    expect(s.ks1).toBe(0);
    expect(s.ks2).toBe(1);
    expect(s.skew).toBeNaN(); // constant
    const empty = stats.summarizeCorrelations([NaN, NaN]);
    expect(empty.fracNaN).toBe(1);
    expect(empty.auc).toBeNaN();
    expect(empty.mean).toBeNaN();
  });

  it("auc() follows sklearn: decreasing x is allowed, non-monotonic x is an error", () => {
    expect(stats.auc([1, 0], [1, 1])).toBe(1);
    expect(() => stats.auc([0, 1, 0.5], [1, 1, 1])).toThrow(RangeError);
  });
});

describe("normal distribution helpers", () => {
  it("known values", () => {
    expect(stats.normalCdf(0)).toBe(0.5);
    expect(stats.normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(stats.normalCdf(-3)).toBeCloseTo(0.0013498980316300946, 15);
    expect(stats.normalCdf(-10)).toBeCloseTo(7.61985302416047e-24, 30);
    expect(stats.normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(stats.normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 11);
    expect(stats.normalQuantile(0)).toBe(-Infinity);
    expect(stats.normalQuantile(2)).toBeNaN();
  });
});

describe("bootstrap confidence intervals", () => {
  const x = Array.from({ length: 40 }, (_, i) => Math.sin(i * 1.7) + i / 40);
  const meanOf = (a: Float64Array) => stats.mean(a);

  it("is reproducible for a seed and changes with the seed", () => {
    const a = stats.bootstrapCI([x], meanOf, { seed: 3, resamples: 500 });
    const b = stats.bootstrapCI([x], meanOf, { seed: 3, resamples: 500 });
    const c = stats.bootstrapCI([x], meanOf, { seed: 4, resamples: 500 });
    expect(a).toEqual(b);
    expect(c.low).not.toBe(a.low);
  });

  it("brackets the estimate; percentile SE close to the analytic SE of the mean", () => {
    for (const method of ["percentile", "basic", "BCa"] as const) {
      const r = stats.bootstrapCI([x], meanOf, { seed: 1, resamples: 4000, method });
      expect(r.low).toBeLessThan(r.estimate);
      expect(r.high).toBeGreaterThan(r.estimate);
      const se = stats.deviation(x, 0) / Math.sqrt(x.length);
      expect(Math.abs(r.standardError - se) / se).toBeLessThan(0.1);
    }
  });

  it("basic interval is the percentile interval reflected about the estimate", () => {
    const p = stats.bootstrapCI([x], meanOf, { seed: 9, resamples: 300, method: "percentile" });
    const b = stats.bootstrapCI([x], meanOf, { seed: 9, resamples: 300, method: "basic" });
    expect(b.low).toBeCloseTo(2 * p.estimate - p.high, 14);
    expect(b.high).toBeCloseTo(2 * p.estimate - p.low, 14);
  });

  it("resamples paired samples together", () => {
    const y = x.map((v) => 2 * v + 1);
    const r = stats.bootstrapCI([x, y], (a, b) => stats.pearson(a, b), { seed: 2, resamples: 200, method: "percentile" });
    expect(r.low).toBeCloseTo(1, 12);
    expect(r.high).toBeCloseTo(1, 12);
  });

  it("validates its arguments", () => {
    expect(() => stats.bootstrapCI([], meanOf)).toThrow(RangeError);
    expect(() => stats.bootstrapCI([[1, 2], [1]], meanOf)).toThrow(/equal lengths/);
    expect(() => stats.bootstrapCI([[1, 2]], meanOf, { confidence: 1.2 })).toThrow(/confidence/);
  });
});

import { describe, expect, it } from "vitest";
import * as path from "node:path";
import { readJson } from "../../lib/io/json";
import * as stats from "../../lib/stats/index";

interface Ref {
  pairs: { name: string; x: number[]; y: number[]; pearson: number | null; spearman: number; kendall: number; pearson_p: number | null; spearman_p: number; kendall_p: number }[];
  moments: Record<string, number | number[]>[];
  distances: { u: number[]; v: number[]; wasserstein: number; energy: number; ks: number; kstest: number }[];
  summaries: { correlations: number[]; summary: Record<string, number> }[];
}

const ref = readJson<Ref>(path.join(process.cwd(), "tests/fixtures/stats/stats_reference.json"), { allowNaN: true });

/** Equal within 1e-12 (relative to magnitude), NaN equal to NaN. */
function close(actual: number, expected: number, tol = 1e-12): void {
  if (Number.isNaN(expected)) {
    expect(actual).toBeNaN();
    return;
  }
  expect(Number.isNaN(actual)).toBe(false);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

describe("correlations match scipy 1.17 (fixtures from make_stats.py)", () => {
  for (const p of ref.pairs) {
    it(p.name, () => {
      if (p.pearson === null) expect(stats.pearson(p.x, p.y)).toBeNaN();
      else close(stats.pearson(p.x, p.y), p.pearson);
      close(stats.spearman(p.x, p.y), p.spearman);
      close(stats.kendall(p.x, p.y), p.kendall);
      // typed arrays give the same answers
      close(stats.kendall(Float64Array.from(p.x), Float64Array.from(p.y)), p.kendall);
    });
  }
  it("covers both Kendall code paths (n < 48 and n >= 48)", () => {
    const ns = ref.pairs.map((p) => p.x.length);
    expect(Math.min(...ns)).toBeLessThan(48);
    expect(Math.max(...ns)).toBeGreaterThanOrEqual(48);
  });
});

/** p-values: relative 1e-9 (absolute 1e-15 near 0); skipped where |r| is within 1e-12 of 1 (the p-value there depends on the last bits of r). */
function closeP(actual: number, expected: number, r: number): void {
  if (Number.isFinite(r) && 1 - Math.abs(r) < 1e-12 && expected < 1e-6) return;
  if (Number.isNaN(expected)) return void expect(actual).toBeNaN();
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(1e-15, 1e-9 * Math.abs(expected)));
}

describe("p-values match scipy 1.17 (pearsonr beta, spearmanr t, kendalltau exact / asymptotic)", () => {
  for (const p of ref.pairs) {
    it(p.name, () => {
      if (p.pearson_p !== null) closeP(stats.pearsonTest(p.x, p.y).pvalue, p.pearson_p, p.pearson!);
      closeP(stats.spearmanTest(p.x, p.y).pvalue, p.spearman_p, p.spearman);
      closeP(stats.kendallTest(p.x, p.y).pvalue, p.kendall_p, p.kendall);
      expect(stats.kendallTest(p.x, p.y).statistic).toEqual(stats.kendall(p.x, p.y));
    });
  }
});

describe("moments, median, quantiles and ECDF match numpy/scipy", () => {
  ref.moments.forEach((m, i) => {
    it("sample #" + i + " (n = " + (m.x as number[]).length + ")", () => {
      const x = m.x as number[];
      close(stats.mean(x), m.mean as number);
      close(stats.median(x), m.median as number);
      close(stats.variance(x), m.var as number);
      close(stats.deviation(x), m.std as number);
      close(stats.skew(x), m.skew as number, 1e-10);
      close(stats.kurtosis(x), m.kurtosis as number, 1e-10);
      close(stats.skew(x, { bias: false }), m.skew_unbiased as number, 1e-10);
      close(stats.kurtosis(x, { bias: false }), m.kurtosis_unbiased as number, 1e-10);
      close(stats.kurtosis(x, { fisher: false }), m.kurtosis_pearson as number, 1e-10);
      close(stats.quantile(x, 0.25), m.q25 as number);
      close(stats.quantile(x, 0.9), m.q90 as number);
      const e = stats.ecdf(x);
      expect(Array.from(e.quantiles)).toEqual(m.ecdf_quantiles);
      expect(Array.from(e.cdf)).toEqual(m.ecdf_cdf);
      expect(Array.from(e.sf)).toEqual(m.ecdf_sf);
    });
  });
});

describe("distribution distances match scipy", () => {
  ref.distances.forEach((d, i) => {
    it("pair #" + i, () => {
      close(stats.wasserstein(d.u, d.v), d.wasserstein);
      close(stats.energyDistance(d.u, d.v), d.energy);
      close(stats.ksStatistic(d.u, d.v), d.ks);
      close(stats.ksStatistic(d.u, d.v), d.kstest);
    });
  });
});

describe("summary of a correlation distribution matches the original study's code", () => {
  ref.summaries.forEach((s, i) => {
    it("distribution #" + i + " (n = " + s.correlations.length + ")", () => {
      const got = stats.summarizeCorrelations(s.correlations) as unknown as Record<string, number>;
      for (const [k, v] of Object.entries(s.summary)) {
        expect(k in got, k).toBe(true);
        close(got[k], v, 1e-10);
      }
    });
  });
});

import { describe, expect, it } from "vitest";
import { simulateFamily, simulatedScoreMatrices, formatCount } from "../../lib/studies/correlations/simulate";
import { correlateWithCompute } from "../../lib/studies/correlations/compute-correlations";
import { survivalPoints, meanScoreByModel, scalingCurves } from "../../lib/studies/correlations/curves";
import { correlationEcdfFigure, summaryMarkdown } from "../../lib/studies/correlations/figures";
import { theme } from "../../lib/plot/theme";

describe("generative simulation of a model family", () => {
  const sim = simulateFamily({ samples: 300, seed: 5 });
  const mats = simulatedScoreMatrices(sim);
  const mean = (metric: string, method: "pearson" | "spearman" | "kendall" = "spearman") =>
    correlateWithCompute(mats.find((m) => m.metric === metric)!, sim.models, method)[0].summary.mean;

  it("is deterministic for a seed and differs across seeds", () => {
    const again = simulateFamily({ samples: 300, seed: 5 });
    expect(Array.from(again.logLikelihoods)).toEqual(Array.from(sim.logLikelihoods));
    const other = simulateFamily({ samples: 300, seed: 6 });
    expect(Array.from(other.logLikelihoods)).not.toEqual(Array.from(sim.logLikelihoods));
    expect(sim.simulated).toBe(true);
  });

  it("models are sorted by compute = 6·N·D, log-likelihoods are <= 0", () => {
    for (let i = 1; i < sim.models.length; i++) expect(sim.models[i].compute).toBeGreaterThan(sim.models[i - 1].compute);
    expect(sim.models[0].compute).toBe(6 * 14e6 * 300e9);
    expect(sim.logLikelihoods.every((v) => v < 0)).toBe(true);
  });

  it("shows the study's mechanism: log-probs correlate strongly, renormalised scores less", () => {
    const lp = mean("log_prob_vocab_correct");
    const pc = mean("prob_choices_correct");
    const br = mean("brier_score");
    expect(lp).toBeGreaterThan(0.85);
    expect(pc).toBeLessThan(lp - 0.2);
    expect(br).toBeLessThan(lp - 0.2);
    // accuracy rises with scale in aggregate
    const acc = meanScoreByModel(mats.find((m) => m.metric === "acc")!, sim.models);
    expect(acc[acc.length - 1].mean).toBeGreaterThan(acc[0].mean + 0.2);
  });

  it("without drift among the distractors, p_choices correlates better", () => {
    const calm = simulateFamily({ samples: 300, seed: 5, drift: 0 });
    const m = simulatedScoreMatrices(calm).find((x) => x.metric === "prob_choices_correct")!;
    expect(correlateWithCompute(m, calm.models, "spearman")[0].summary.mean).toBeGreaterThan(mean("prob_choices_correct") + 0.1);
  });

  it("validates its options", () => {
    expect(() => simulateFamily({ choices: 1 })).toThrow(RangeError);
    expect(() => simulateFamily({ parameters: [1e6, 2e6], tokens: [1e9] })).toThrow(/token counts/);
    expect(formatCount(1.4e9)).toBe("1.4B");
    expect(formatCount(300e9)).toBe("300B");
  });

  it("figures and tables from it carry the simulated label", () => {
    const results = mats.slice(0, 2).flatMap((m) => correlateWithCompute(m, sim.models, "kendall"));
    const fig = correlationEcdfFigure(results, { simulated: true });
    expect(fig.outerHTML).toContain(theme.simulatedLabel);
    expect(summaryMarkdown(results, { simulated: true })).toContain(theme.simulatedLabel);
  });
});

describe("curves", () => {
  it("survival points step from (−1, 1) to (1, 0) over distinct finite values", () => {
    expect(survivalPoints([0.5, NaN, 0.5, -0.5])).toEqual([
      { x: -1, sf: 1 },
      { x: -0.5, sf: 2 / 3 },
      { x: 0.5, sf: 0 },
      { x: 1, sf: 0 },
    ]);
    expect(survivalPoints([1])).toEqual([{ x: -1, sf: 1 }, { x: 1, sf: 0 }]);
  });
  it("scaling curves drop zero-compute checkpoints and count them", () => {
    const r = scalingCurves([
      { model: "p", family: "P", task: "t", metric: "acc", value: 0.2, compute: 0, source: "s", step: 0 },
      { model: "p", family: "P", task: "t", metric: "acc", value: 0.3, compute: 1e20, source: "s", step: 1 },
      { model: "p", family: "P", task: "t", metric: "acc_norm", value: 0.3, compute: 1e20, source: "s" },
    ]);
    expect(r.zeroCompute).toBe(1);
    expect(r.points).toHaveLength(1);
    expect(r.points[0].log10Compute).toBe(20);
  });
});

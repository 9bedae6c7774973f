import { plot, Plot, type Figure } from "../../plot/index";
import { theme } from "../../plot/theme";
import { METRIC_LABELS, type SampleMetric } from "./metrics";
import type { CorrelationResult } from "./compute-correlations";
import { survivalPoints, type CurvePoint } from "./curves";
import { bootstrapCI } from "../../stats/bootstrap";
import { mean } from "../../stats/mean";

const label = (m: string) => METRIC_LABELS[m as SampleMetric] ?? m;

/**
 * The study's main figure: complementary ECDF (1 − CDF) of the per-sample
 * correlations with compute, one line per metric, faceted by family
 * (columns) and correlation method (rows).
 */
export function correlationEcdfFigure(results: CorrelationResult[], options: { simulated?: boolean; title?: string; metrics?: readonly string[] } = {}): Figure {
  const metrics = options.metrics ?? Array.from(new Set(results.map((r) => r.metric)));
  const rows = results
    .filter((r) => metrics.includes(r.metric))
    .flatMap((r) => survivalPoints(r.correlations).map((p) => ({ ...p, metric: label(r.metric), family: r.family, method: r.method })));
  const families = Array.from(new Set(results.map((r) => r.family)));
  const methods = Array.from(new Set(results.map((r) => r.method)));
  return plot({
    title: options.title ?? "Per-sample correlation of scores with log10 compute",
    subtitle: "complementary ECDF per metric; NaN correlations (constant scores) excluded",
    simulated: options.simulated,
    width: Math.max(theme.width, 300 * families.length),
    height: 220 * methods.length + 60,
    marginRight: 70,
    x: { domain: [-1, 1], label: "correlation between log10 compute and score (per sample)" },
    y: { domain: [0, 1], label: "1 − CDF" },
    fx: { label: null },
    fy: { label: null },
    color: { legend: true, domain: metrics.map(label), range: theme.categorical.slice(0, metrics.length) },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.line(rows, { x: "x", y: "sf", stroke: "metric", fx: "family", fy: "method", curve: "step-after", strokeWidth: 1.8 }),
    ],
  });
}

/** Per-sample score trajectories against log10 compute for a few samples of one metric. */
export function sampleTrajectoriesFigure(points: { sample: number; log10Compute: number; score: number; family: string }[], metric: string, options: { simulated?: boolean } = {}): Figure {
  return plot({
    title: "Per-sample " + label(metric) + " vs compute",
    subtitle: "one line per sample",
    simulated: options.simulated,
    height: 300,
    x: { label: "log10 compute (FLOPs)" },
    y: { label: label(metric) },
    fx: { label: null },
    marks: [Plot.line(points, { x: "log10Compute", y: "score", z: "sample", fx: "family", stroke: "sample", strokeOpacity: 0.8 })],
    color: { type: "categorical" },
  });
}

/** Aggregate scaling curves (e.g. Pythia accuracy per checkpoint) faceted by task, one line per model. */
export function scalingCurvesFigure(points: CurvePoint[], options: { title?: string; simulated?: boolean; columns?: number } = {}): Figure {
  const tasks = Array.from(new Set(points.map((p) => p.task)));
  const cols = options.columns ?? Math.min(3, tasks.length);
  const withPos = points.map((p) => ({ ...p, col: tasks.indexOf(p.task) % cols, row: Math.floor(tasks.indexOf(p.task) / cols) }));
  return plot({
    title: options.title ?? "Aggregate score vs training compute",
    simulated: options.simulated,
    width: 320 * cols,
    height: 230 * Math.ceil(tasks.length / cols) + 60,
    x: { type: "log", label: "training compute 6·N·D (FLOPs)" },
    y: { label: points[0]?.metric ?? "score" },
    fx: { axis: null },
    fy: { axis: null },
    color: { legend: true, type: "categorical" },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.text(tasks.map((t, i) => ({ t, col: i % cols, row: Math.floor(i / cols) })), { fx: "col", fy: "row", text: "t", frameAnchor: "top-left", dx: 4, dy: 4, fontWeight: "bold" }),
      Plot.line(withPos, { x: "compute", y: "value", z: "model", stroke: "model", fx: "col", fy: "row", strokeWidth: 1.3 }),
      Plot.dot(withPos, { x: "compute", y: "value", fill: "model", fx: "col", fy: "row", r: 1.6 }),
    ],
  });
}

/**
 * A Markdown table (for `showMarkdown`) of correlation summaries. With
 * `bootstrap: {resamples, seed}` a seeded percentile-bootstrap 95% interval
 * of the mean correlation (over samples, NaN excluded) is added.
 */
export function summaryMarkdown(results: CorrelationResult[], options: { simulated?: boolean; bootstrap?: { resamples?: number; seed?: number } } = {}): string {
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "NaN");
  const bs = options.bootstrap;
  let s = options.simulated ? "**" + theme.simulatedLabel + "**\n\n" : "";
  s += "| family | method | metric | mean |" + (bs ? " 95% CI of mean |" : "") + " median | AUC | −min W1 | frac NaN | n |\n|---|---|---|---:|" + (bs ? "---|" : "") + "---:|---:|---:|---:|---:|\n";
  for (const r of results) {
    const m = r.summary;
    const cells = [r.family, r.method, label(r.metric), f(m.mean)];
    if (bs) {
      const finite = Array.from(r.correlations).filter((v) => Number.isFinite(v));
      if (finite.length >= 2) {
        const ci = bootstrapCI([finite], (a) => mean(a), { resamples: bs.resamples ?? 1000, seed: bs.seed ?? 0, method: "percentile" });
        cells.push("[" + f(ci.low) + ", " + f(ci.high) + "]");
      } else cells.push("—");
    }
    cells.push(f(m.median), f(m.auc), f(m.negWassersteinMin), f(m.fracNaN), String(m.n));
    s += "| " + cells.join(" | ") + " |\n";
  }
  return s;
}

import { plot, Plot, type Figure } from "../../plot/index";
import { theme } from "../../plot/theme";
import type { AggregateResult } from "./aggregate";
import type { MetricName } from "./metrics";

/** One point of a metrics-vs-k figure. */
export interface MetricRow {
  model: string;
  k: number;
  metric: string;
  mean: number;
  /** Standard error (NaN when n < 2). */
  se: number;
  n: number;
}

/** Readable metric names for figures and tables. */
export const METRIC_LABELS: Record<string, string> = {
  full_marks: "ratio of full marks",
  all_skills: "ratio of all skills",
  skill_fraction: "skill fraction",
};

/** Rows of a metrics-vs-k figure from one aggregate result. */
export function metricRows(model: string, result: AggregateResult, metrics: readonly MetricName[] = ["full_marks", "all_skills", "skill_fraction"]): MetricRow[] {
  return metrics.filter((m) => result.metrics[m]).map((m) => {
    const s = result.metrics[m]!;
    return { model, k: result.k, metric: METRIC_LABELS[m] ?? m, mean: s.mean, se: s.se, n: s.n };
  });
}

/**
 * Metrics against k, one facet per metric, one colour per model, with
 * ± 1 standard-error bars (over combinations).
 */
export function metricsVsKFigure(rows: readonly MetricRow[], options: { title?: string; subtitle?: string; simulated?: boolean } = {}): Figure {
  const metrics = Array.from(new Set(rows.map((r) => r.metric)));
  const models = Array.from(new Set(rows.map((r) => r.model)));
  const ks = Array.from(new Set(rows.map((r) => r.k))).sort((a, b) => a - b);
  const bars = rows.filter((r) => Number.isFinite(r.se)).map((r) => ({ ...r, lo: Math.max(0, r.mean - r.se), hi: Math.min(1, r.mean + r.se) }));
  return plot({
    title: options.title ?? "Skill-Mix metrics vs k",
    subtitle: options.subtitle ?? "mean over combinations (max over generation rounds), bars: ± 1 standard error",
    simulated: options.simulated,
    width: Math.max(theme.width, 260 * metrics.length),
    height: 340,
    x: { label: "k (skills per text)", ticks: ks, tickFormat: "d", domain: [Math.min(...ks) - 0.3, Math.max(...ks) + 0.3] },
    y: { domain: [0, 1], label: "score" },
    fx: { label: null, domain: metrics },
    color: { legend: true, domain: models, range: theme.categorical.slice(0, Math.max(1, models.length)) },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.ruleX(bars, { x: "k", y1: "lo", y2: "hi", stroke: "model", fx: "metric", strokeWidth: 1.5 }),
      Plot.line(rows as MetricRow[], { x: "k", y: "mean", z: "model", stroke: "model", fx: "metric", strokeWidth: 1.5 }),
      Plot.dot(rows as MetricRow[], { x: "k", y: "mean", fill: "model", fx: "metric", r: 3.5, tip: true }),
    ],
  });
}

/** Per-skill success rates as horizontal bars, one facet per model. */
export function perSkillFigure(rows: readonly { model: string; skill: string; rate: number; n: number }[], options: { title?: string; subtitle?: string; simulated?: boolean } = {}): Figure {
  const models = Array.from(new Set(rows.map((r) => r.model)));
  const skills = Array.from(new Set(rows.map((r) => r.skill)));
  const mean = (s: string) => {
    const xs = rows.filter((r) => r.skill === s).map((r) => r.rate);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  skills.sort((a, b) => mean(b) - mean(a));
  return plot({
    title: options.title ?? "Per-skill success rate",
    subtitle: options.subtitle ?? "share of graded generations whose (voted) point for the skill was earned",
    simulated: options.simulated,
    width: 280 + 260 * models.length,
    height: 70 + skills.length * 20,
    marginLeft: 280,
    x: { domain: [0, 1], label: "success rate" },
    y: { domain: skills, label: null },
    fx: { domain: models, label: null },
    color: { domain: models, range: theme.categorical.slice(0, Math.max(1, models.length)) },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.barX(rows as { model: string; skill: string; rate: number; n: number }[], { x: "rate", y: "skill", fx: "model", fill: "model" }),
      Plot.text(rows as { model: string; skill: string; rate: number; n: number }[], { x: "rate", y: "skill", fx: "model", text: (d: { rate: number; n: number }) => d.rate.toFixed(2) + " (n=" + d.n + ")", textAnchor: "start", dx: 3, fontSize: 10 }),
      Plot.ruleX([0]),
    ],
  });
}

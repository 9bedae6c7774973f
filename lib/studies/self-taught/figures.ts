import * as Plot from "@observablehq/plot";
import { plot, type Figure } from "../../plot/plot";
import { theme } from "../../plot/theme";
import type { IterationRecord } from "./loop";

/** One row per iteration for tables and figures. */
export interface IterationRow {
  iteration: number;
  accuracy: number;
  lower: number;
  upper: number;
  invalidRate: number;
  consistency: number | null;
  trainRows: number | null;
  reported: number | null;
}

/** Flatten iteration records; `reported` = the paper's accuracies (fractions) by iteration. */
export function iterationRows(records: IterationRecord[], reported: number[] = []): IterationRow[] {
  return records.map((r) => ({
    iteration: r.iteration,
    accuracy: r.evaluation.accuracy,
    lower: r.evaluation.ci.lower,
    upper: r.evaluation.ci.upper,
    invalidRate: r.evaluation.invalidRate,
    consistency: r.evaluation.bothOrders ? r.evaluation.bothOrders.consistency : null,
    trainRows: r.fineTune ? r.fineTune.stats.rows : null,
    reported: r.iteration < reported.length ? reported[r.iteration] : null,
  }));
}

/** Accuracy per iteration with 95% Wilson intervals, next to the reported numbers. */
export function accuracyFigure(rows: IterationRow[], opts: { title: string; simulated: boolean; reportedLabel?: string }): Figure {
  const rep = rows.filter((r) => r.reported !== null);
  return plot({
    title: opts.title,
    subtitle: "Judge accuracy on the evaluation pairs (95% Wilson CI); open squares: " + (opts.reportedLabel ?? "reported in the paper"),
    simulated: opts.simulated,
    x: { label: "iteration (0 = base judge)", ticks: rows.map((r) => r.iteration), tickFormat: "d", domain: [-0.5, Math.max(0, ...rows.map((r) => r.iteration)) + 0.5] },
    y: { label: "accuracy", domain: [0, 1], tickFormat: "%" },
    marks: [
      Plot.ruleY([0.5], { stroke: "#999", strokeDasharray: "4,3" }),
      Plot.ruleX(rows, { x: "iteration", y1: "lower", y2: "upper", stroke: theme.categorical[0], strokeWidth: 2 }),
      Plot.line(rows, { x: "iteration", y: "accuracy", stroke: theme.categorical[0] }),
      Plot.dot(rows, { x: "iteration", y: "accuracy", fill: theme.categorical[0], r: 4 }),
      Plot.line(rep, { x: "iteration", y: "reported", stroke: theme.categorical[1], strokeDasharray: "3,3" }),
      Plot.dot(rep, { x: "iteration", y: "reported", stroke: theme.categorical[1], symbol: "square", r: 4 }),
      Plot.text(rows, { x: "iteration", y: "accuracy", text: (d: IterationRow) => (d.accuracy * 100).toFixed(0) + "%", dx: 14, fontSize: 10 }),
    ],
  });
}

/** Invalid-verdict rate and position (order) consistency per iteration. */
export function ratesFigure(rows: IterationRow[], opts: { title: string; simulated: boolean }): Figure {
  const long = rows.flatMap((r) => [
    { iteration: r.iteration, rate: "invalid verdicts", value: r.invalidRate },
    ...(r.consistency === null ? [] : [{ iteration: r.iteration, rate: "order consistency", value: r.consistency }]),
  ]);
  return plot({
    title: opts.title,
    subtitle: "Share of invalid verdicts (both or no tag) and of pairs judged the same way in both orders",
    simulated: opts.simulated,
    height: 300,
    x: { label: "iteration", ticks: rows.map((r) => r.iteration), tickFormat: "d" },
    y: { label: "rate", domain: [0, 1], tickFormat: "%" },
    color: { legend: true, domain: ["invalid verdicts", "order consistency"], range: [theme.categorical[3] ?? "#d62728", theme.categorical[2] ?? "#2ca02c"] },
    marks: [Plot.line(long, { x: "iteration", y: "value", stroke: "rate" }), Plot.dot(long, { x: "iteration", y: "value", fill: "rate", r: 4 })],
  });
}

/** One judge's accuracy on one real labelled set. */
export interface RealJudgeRow {
  set: string;
  judge: string;
  accuracy: number;
  lower: number;
  upper: number;
  /** "recorded" (from the dataset's files) or "ours" (judged here). */
  kind: string;
}

function rowLabel(d: RealJudgeRow): string {
  return d.set + " · " + d.judge;
}

/** Accuracy (95% CI) of judges on real labelled sets. */
export function realJudgesFigure(rows: RealJudgeRow[], opts: { title: string; simulated: boolean }): Figure {
  return plot({
    title: opts.title,
    subtitle: "Accuracy against gold labels (forward order; 95% Wilson CI)",
    simulated: opts.simulated,
    height: Math.max(260, 22 * rows.length + 80),
    marginLeft: 300,
    x: { label: "accuracy", domain: [0, 1], tickFormat: "%" },
    y: { label: null, domain: rows.map(rowLabel) },
    color: { legend: true },
    marks: [
      Plot.ruleX([0.5], { stroke: "#999", strokeDasharray: "4,3" }),
      Plot.ruleY(rows, { y: rowLabel, x1: "lower", x2: "upper", stroke: "kind" }),
      Plot.dot(rows, { y: rowLabel, x: "accuracy", fill: "kind", r: 4 }),
    ],
  });
}

import * as Plot from "@observablehq/plot";
import { plot, type Figure } from "../../plot/plot";
import { theme } from "../../plot/theme";
import { errorsByCategory, type ExperimentResult } from "./experiment";

/** Test RMSE per predictor family: mean over splits with ±1 population-std error bars; dashed line = mean baseline. */
export function rmseFigure(r: ExperimentResult, title?: string): Figure {
  const rows = r.summary.filter((s) => s.splits > 0).map((s) => ({ ...s, lo: s.meanRmse - s.stdRmse, hi: s.meanRmse + s.stdRmse }));
  const base = r.summary.find((s) => s.family === "mean");
  return plot({
    title: title ?? "Test RMSE by predictor",
    subtitle: r.data.label + ": mean ± population std over " + (rows[0]?.splits ?? 0) + " " + (r.mode === "random" ? "seeds" : r.mode + " splits") + "; n = " + r.data.n,
    simulated: r.data.simulated,
    height: 60 + 36 * rows.length,
    marginLeft: 110,
    marginRight: 60,
    x: { label: "test RMSE", zero: true },
    y: { label: null, domain: rows.map((d) => d.family) },
    marks: [
      ...(base ? [Plot.ruleX([base.meanRmse], { stroke: theme.categorical[2], strokeDasharray: "4,3" })] : []),
      Plot.ruleY(rows, { y: "family", x1: "lo", x2: "hi", stroke: theme.categorical[0], strokeWidth: 2 }),
      Plot.dot(rows, { y: "family", x: "meanRmse", fill: theme.categorical[0], r: 5 }),
      Plot.text(rows, { y: "family", x: "hi", text: (d: { meanRmse: number }) => d.meanRmse.toFixed(2), dx: 22 }),
    ],
  });
}

/** Predicted vs actual test scores of one family, pooled over splits, with the identity line. */
export function scatterFigure(r: ExperimentResult, family: string): Figure {
  const pts = r.results.filter((x) => x.family === family).flatMap((x) => x.test);
  const all = pts.flatMap((p) => [p.actual, p.predicted]);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  return plot({
    title: "Predicted vs actual — " + family,
    subtitle: r.data.label + "; test items pooled over splits",
    simulated: r.data.simulated,
    height: 420,
    width: 460,
    x: { label: "actual score", domain: [lo, hi] },
    y: { label: "predicted score", domain: [lo, hi] },
    marks: [Plot.line([[lo, lo], [hi, hi]], { stroke: "#999", strokeDasharray: "4,3" }), Plot.dot(pts, { x: "actual", y: "predicted", stroke: theme.categorical[0], r: 3, fillOpacity: 0.3 })],
  });
}

/** Test RMSE per category (pooled over splits) for the given families. */
export function categoryFigure(r: ExperimentResult, families: string[] = ["mean", "ridge-tfidf"], maxCategories = 15): Figure {
  const rows = errorsByCategory(r).filter((e) => families.includes(e.family));
  const counts = new Map<string, number>();
  for (const e of rows) if (e.family === families[0]) counts.set(e.category, e.n);
  const cats = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxCategories).map((c) => c[0]);
  const keep = rows.filter((e) => cats.includes(e.category));
  return plot({
    title: "Test RMSE per category",
    subtitle: r.data.label + "; " + cats.length + " most frequent categories",
    simulated: r.data.simulated,
    height: 60 + 22 * cats.length,
    marginLeft: 190,
    color: { legend: true, domain: families, range: theme.categorical.slice(0, families.length) },
    x: { label: "test RMSE", zero: true },
    y: { label: null, domain: cats },
    marks: [Plot.dot(keep, { y: "category", x: "rmse", fill: "family", r: 4 })],
  });
}

import type { TaskMetrics } from "./score-task";
import { TASKS } from "../tasks";

/** A models x (task, metric) table of summary metrics, x100. */
export interface SummaryTable {
  /** Column keys "task/metric", in task then metric order. */
  columns: string[];
  rows: { model: string; values: (number | null)[]; mean: number | null; median: number | null }[];
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Build the summary table: one row per model, one column per (task, summary
 * metric) present for any model, values x100; `mean` and `median` over the
 * row's non-missing cells. A judge metric that was not computed is missing.
 */
export function summaryTable(metrics: readonly TaskMetrics[]): SummaryTable {
  const colSet = new Set<string>();
  for (const m of metrics) for (const [k, v] of Object.entries(m.summary)) if (v !== null) colSet.add(m.task + "/" + k);
  const order = (c: string): [string, number] => {
    const [task, metric] = c.split("/");
    const t = TASKS[task];
    return [task, t ? t.summary.indexOf(metric) : 0];
  };
  const columns = [...colSet].sort((a, b) => {
    const [ta, ia] = order(a);
    const [tb, ib] = order(b);
    return ta < tb ? -1 : ta > tb ? 1 : ia - ib;
  });
  const models = [...new Set(metrics.map((m) => m.model))].sort();
  const rows = models.map((model) => {
    const values = columns.map((c) => {
      const [task, metric] = c.split("/");
      const m = metrics.find((x) => x.model === model && x.task === task);
      const v = m?.summary[metric];
      return v === null || v === undefined ? null : v * 100;
    });
    const present = values.filter((v): v is number => v !== null);
    const mean = present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
    return { model, values, mean, median: median(present) };
  });
  return { columns, rows };
}

/** The table as TSV text: header `model, task/metric..., mean, median`; two decimals; empty = missing. */
export function formatSummaryTsv(t: SummaryTable): string {
  const f = (v: number | null) => (v === null ? "" : v.toFixed(2));
  const lines = [["model", ...t.columns, "mean", "median"].join("\t")];
  for (const r of t.rows) lines.push([r.model, ...r.values.map(f), f(r.mean), f(r.median)].join("\t"));
  return lines.join("\n") + "\n";
}

/** The table as Markdown (for notebooks): x100, two decimals, "–" for missing. */
export function formatSummaryMarkdown(t: SummaryTable): string {
  const f = (v: number | null) => (v === null ? "–" : v.toFixed(2));
  const head = "| model | " + t.columns.join(" | ") + " | mean | median |";
  const sep = "|" + Array(t.columns.length + 3).fill("---").join("|") + "|";
  return [head, sep, ...t.rows.map((r) => "| " + r.model + " | " + r.values.map(f).join(" | ") + " | " + f(r.mean) + " | " + f(r.median) + " |")].join("\n");
}

/** One row per (model, task): the task's headline metric x100 (see SciriffTask.headline), for charts. */
export function headlineRows(metrics: readonly TaskMetrics[]): { model: string; task: string; label: string; metric: string; value: number }[] {
  const out: { model: string; task: string; label: string; metric: string; value: number }[] = [];
  for (const m of metrics) {
    const t = TASKS[m.task];
    if (!t) continue;
    const metric = t.headline.find((k) => typeof m.summary[k] === "number");
    if (metric === undefined) continue;
    out.push({ model: m.model, task: m.task, label: t.label + " " + metric, metric, value: (m.summary[metric] as number) * 100 });
  }
  return out;
}

import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../../util/errors";
import { noteOf, readWideTable } from "./wide-table";
import type { ImportResult } from "./obsscaling";
import type { ScalingScore } from "./types";

/** What a U-shaped data file name says: `[acc_]<task>_instance_brier_<a>_<b>_<groups>_<redist|undist>.csv`. */
export interface UshapedFileInfo {
  task: string;
  /** Groups formed by accuracy (`acc_` prefix) rather than by Brier score. */
  groupedBy: "brier" | "acc";
  /** The two model-selection thresholds in the name (FLOPs, 1E21 units). */
  thresholds: [number, number];
  groups: number;
  distribution: "redist" | "undist";
}

/** Parse a U-shaped file name; undefined if it does not follow the pattern. */
export function describeUshapedFile(name: string): UshapedFileInfo | undefined {
  const m = /^(acc_)?(.+)_instance_brier_(-?[\d.]+)_(-?[\d.]+)_(\d+)_(redist|undist)\.csv$/.exec(name);
  if (!m) return undefined;
  return {
    task: m[2],
    groupedBy: m[1] ? "acc" : "brier",
    thresholds: [Number(m[3]), Number(m[4])],
    groups: Number(m[5]),
    distribution: m[6] as "redist" | "undist",
  };
}

/**
 * Import one per-difficulty-group table of the U-shaped scaling study: one row
 * per model, columns `<lo>_<hi>_<metric>` (metric brier, san or acc; group =
 * questions whose difficulty index is in [lo, hi)) plus overall `acc`, `brier`,
 * `san`. Each score becomes one row with `group` "lo-hi" (or "all"), task and
 * grouping from the file name, and compute from the FLOPs (1E21) column.
 * Benchmark columns of the metadata (MMLU, ARC-C, …) are not imported here:
 * they come with `evaluation/base_llm_benchmark_eval.csv`.
 */
export function readUshapedFile(file: string, source = path.basename(file)): ImportResult {
  const info = describeUshapedFile(path.basename(file));
  if (!info) throw new InputError({ file }, "not a U-shaped data file name ([acc_]<task>_instance_brier_<a>_<b>_<groups>_<redist|undist>.csv)");
  const isGroupOrOverall = (c: string) => /^\d+_\d+_(brier|san|acc)$/.test(c) || c === "acc" || c === "brier" || c === "san";
  const t = readWideTable(file, { scoreColumns: isGroupOrOverall });
  const scores: ScalingScore[] = [];
  let missing = 0;
  for (const r of t.rows) {
    missing += r.missing;
    for (const [col, value] of r.scores) {
      const g = /^(\d+)_(\d+)_(brier|san|acc)$/.exec(col);
      const s: ScalingScore = {
        model: r.model,
        task: info.task,
        metric: g ? g[3] : col,
        value,
        group: g ? g[1] + "-" + g[2] : "all",
        source: source + " (" + info.groups + " groups by " + info.groupedBy + ", " + info.distribution + ")",
      };
      if (r.family !== undefined) s.family = r.family;
      if (r.parameters !== undefined) s.parameters = r.parameters;
      if (r.tokens !== undefined) s.tokens = r.tokens;
      if (r.compute !== undefined) s.compute = r.compute;
      if (r.note !== undefined || r.duplicateOf !== undefined) s.note = noteOf(r);
      scores.push(s);
    }
  }
  return { scores, missing, files: [source] };
}

/**
 * Import the U-shaped folder (`scaling/ushaped`, its `data/`, or one task
 * folder): every data CSV below it, plus `evaluation/base_llm_benchmark_eval.csv`
 * (benchmarks as task, metric "score") when present. CSV files whose names
 * match neither are InputErrors.
 */
export function readUshapedDir(dir: string, options: { task?: string } = {}): ImportResult {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new InputError({ file: dir }, "not a directory");
  const files: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? rel + "/" + e.name : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (e.name.endsWith(".csv")) files.push(r);
    }
  };
  walk(dir, "");
  if (files.length === 0) throw new InputError({ file: dir }, "no .csv files found");
  const scores: ScalingScore[] = [];
  let missing = 0;
  const read: string[] = [];
  for (const rel of files) {
    const name = path.basename(rel);
    const full = path.join(dir, rel);
    let r: ImportResult;
    if (name === "base_llm_benchmark_eval.csv") {
      const t = readWideTable(full);
      r = { scores: [], missing: 0, files: [rel] };
      for (const row of t.rows) {
        r.missing += row.missing;
        for (const [task, value] of row.scores) {
          const s: ScalingScore = { model: row.model, task, metric: "score", value, source: rel };
          if (row.family !== undefined) s.family = row.family;
          if (row.parameters !== undefined) s.parameters = row.parameters;
          if (row.tokens !== undefined) s.tokens = row.tokens;
          if (row.compute !== undefined) s.compute = row.compute;
          if (row.note !== undefined || row.duplicateOf !== undefined) s.note = noteOf(row);
          r.scores.push(s);
        }
      }
    } else {
      const info = describeUshapedFile(name);
      if (!info) throw new InputError({ file: full }, "unrecognised CSV in a U-shaped folder");
      if (options.task !== undefined && info.task !== options.task) continue;
      r = readUshapedFile(full, rel);
    }
    scores.push(...r.scores.filter((s) => options.task === undefined || s.task === options.task || s.metric === "score"));
    missing += r.missing;
    read.push(rel);
  }
  return { scores, missing, files: read };
}

import { pyFloat, pyStrip } from "./py-compat";

/** One criterion row of a grading table. */
export interface GradedCriterion {
  /** First cell, lower-cased (the original's dictionary key). */
  criterion: string;
  points: number;
}

/** A parsed grading answer. */
export interface ParsedGrading {
  /** Criterion rows in table order (duplicates keep the first position and the last value; total rows excluded). */
  criteria: GradedCriterion[];
  /**
   * Per-criterion points as the original stores them in `points_0`: the
   * criteria whose key does not contain "score".
   */
  points: number[];
  /** The grader's total ("Total ..." row), 0 when there is none. */
  score: number;
  /** Sum of the criterion points (keys other than the total). */
  extractedScore: number;
  /** Rows or cells the parser could not use (the original would have crashed or silently dropped them). */
  issues: string[];
}

/**
 * Numerator of a points cell, as the original `extract_numerator`: keep only
 * digits, "." and "/", take the integer before a "/" when there is one, else
 * read the rest as a float. "" when nothing numeric is left; undefined where
 * Python's float() would raise.
 */
export function extractNumerator(cell: string): number | "" | undefined {
  const t = pyStrip(cell).replace(/[^0-9./]/g, "");
  const m = /^(\d+)(?=\/)/.exec(t);
  const num = m ? m[1] : t;
  if (num.length === 0) return "";
  return pyFloat(num);
}

/**
 * Parse a grading table the way the original `get_score_alt` /
 * `create_output_dict` does: keep the part after the last "Here's the grading
 * table:" and before the first "Explanation:"; keep lines containing "|"
 * that contain neither "--" (separator rows) nor "criteria" (header rows,
 * any case); split cells on "|", drop empty cells; the first cell, lower
 * cased, is the criterion and the numerator of the second cell its points;
 * rows whose points cell has no number are dropped (and reported); every key containing
 * "total" becomes the total score.
 *
 * Where the original raises (a row with a single non-empty cell, an
 * unreadable number) the row is skipped and reported in `issues`.
 */
export function parseGradingTable(output: string): ParsedGrading {
  const parts = output.split("Here's the grading table:");
  let body = pyStrip(parts[parts.length - 1]);
  body = pyStrip(body.split("Explanation:")[0]);
  const issues: string[] = [];
  const dict = new Map<string, number>();
  for (const line of body.split("\n")) {
    if (!line.includes("|") || line.includes("--") || line.toLowerCase().includes("criteria")) continue;
    const cells = line.split("|").map(pyStrip).filter((c) => c.length > 0);
    if (cells.length === 0) continue;
    if (cells.length < 2) {
      issues.push("row without a points cell: " + JSON.stringify(line));
      continue;
    }
    const value = extractNumerator(cells[1]);
    if (value === "") {
      issues.push("no number in the points cell of row " + JSON.stringify(line) + " (row dropped, as the original does)");
      continue;
    }
    if (value === undefined) {
      issues.push("unreadable points " + JSON.stringify(cells[1]) + " in row " + JSON.stringify(line));
      continue;
    }
    dict.set(cells[0].toLowerCase(), value);
  }
  const renamed = new Map<string, number>();
  for (const [key, v] of dict) renamed.set(key.includes("total") ? "score" : key, v);
  let extractedScore = 0;
  const criteria: GradedCriterion[] = [];
  for (const [key, v] of renamed) {
    if (key === "score") continue;
    extractedScore += v;
    criteria.push({ criterion: key, points: v });
  }
  const points = criteria.filter((c) => !c.criterion.includes("score")).map((c) => c.points);
  return { criteria, points, score: renamed.get("score") ?? 0, extractedScore, issues };
}

/**
 * Parse the line-based grading format (the original `manually_extract_points`
 * and `get_score`, used with the "llama" grading prompt): each "earned:"
 * (any case) is followed by a number — the first word of the rest of its
 * line, before any "/", trailing non-digits removed (0 if unreadable); the
 * total is the number after the last "grade:" (0 when none).
 */
export function parseGradingLines(output: string, marker = "earned:"): ParsedGrading {
  const issues: string[] = [];
  const lower = output.toLowerCase();
  let texts = lower.split(marker).slice(1).map((t) => pyStrip(t).split("\n")[0]);
  const before = texts.length;
  texts = texts.filter((t) => t.length > 0).map((t) => t.split(" ")[0]);
  texts = texts.filter((t) => t.length > 0).map((t) => t.split("/")[0]);
  if (texts.length < before) issues.push(before - texts.length + " '" + marker + "' marker(s) with nothing after them were skipped (later points shift)");
  const points = texts.map((t) => {
    const v = pyFloat(t.replace(/[^0-9]+$/, ""));
    return v === undefined ? 0 : v;
  });
  const scoreText = lower.split("grade:");
  let s = pyStrip(scoreText[scoreText.length - 1]);
  // Without "grade:" the original reads the first number anywhere in the text.
  let score = 0;
  s = s.replace(/^[^0-9]+/, "");
  const res = (/^[0-9.]*/.exec(s) as RegExpExecArray)[0].replace(/\.+$/, "");
  if (res.length > 0) {
    const v = pyFloat(res);
    if (v === undefined) issues.push("unreadable grade " + JSON.stringify(res));
    else score = v;
  }
  const extractedScore = points.reduce((a, b) => a + b, 0);
  return { criteria: points.map((p, i) => ({ criterion: "point " + (i + 1), points: p })), points, score, extractedScore, issues };
}

import * as path from "node:path";
import { readJsonlRows } from "../../io/jsonl";
import { InputError } from "../../util/errors";
import type { JudgePair, JudgeRecord, Preference } from "./types";

/**
 * Auto-J (GAIR-NLP/auto-j) pairwise test set importer:
 * `testdata_pairwise.jsonl` rows `{scenario, label, prompt, "response 1",
 * "response 2"}` with label 0 = response 1 better, 1 = response 2 better,
 * 2 = tie; prediction files (`{"output": 0|1|2}` per line, aligned by line)
 * in the same coding. Labels are converted to the common 1 / 2 / "tie".
 */

/** Auto-J's 0/1/2 coding to the common preference. */
export function autojPreference(v: unknown): Preference | null {
  return v === 0 ? 1 : v === 1 ? 2 : v === 2 ? "tie" : null;
}

function text(row: Record<string, unknown>, name: string, file: string, line: number): string {
  const v = row[name];
  if (typeof v !== "string") throw new InputError({ file, line, field: name }, "expected a string");
  return v;
}

/** Load the pairwise test set. */
export function loadAutoJPairs(file: string): JudgePair[] {
  const subset = path.basename(file).replace(/\.jsonl$/, "");
  return readJsonlRows<Record<string, unknown>>(file).map((r, i) => {
    const row = r.value;
    if (typeof row !== "object" || row === null) throw new InputError({ file, line: r.line }, "expected an object");
    const label = autojPreference(row.label);
    if (label === null) throw new InputError({ file, line: r.line, field: "label" }, "expected 0, 1 or 2, got " + JSON.stringify(row.label));
    return {
      id: "autoj/" + subset + "#" + i,
      dataset: "autoj",
      subset,
      index: i,
      instruction: text(row, "prompt", file, r.line),
      output1: text(row, "response 1", file, r.line),
      output2: text(row, "response 2", file, r.line),
      label,
      meta: { scenario: text(row, "scenario", file, r.line) },
    };
  });
}

/**
 * Load a prediction file aligned with `pairs`. `exchangeFile` (optional) holds
 * the predictions with the two responses swapped, in the swapped numbering
 * (as Auto-J's leaderboard expects); they are mapped back here. A value that
 * is not 0/1/2 is an invalid verdict (null), kept and counted.
 */
export function loadAutoJPredictions(file: string, pairs: JudgePair[], judge: string, exchangeFile?: string): JudgeRecord[] {
  const read = (f: string): (Preference | null)[] => {
    const rows = readJsonlRows<Record<string, unknown>>(f);
    if (rows.length !== pairs.length) throw new InputError({ file: f }, rows.length + " predictions for " + pairs.length + " pairs");
    return rows.map((r) => {
      if (typeof r.value !== "object" || r.value === null || !("output" in r.value)) throw new InputError({ file: f, line: r.line, field: "output" }, "missing");
      return autojPreference(r.value.output);
    });
  };
  const fwd = read(file);
  const swp = exchangeFile ? read(exchangeFile).map((p) => (p === 1 ? 2 : p === 2 ? 1 : p)) : undefined;
  return pairs.map((p, i) => {
    const rec: JudgeRecord = { pairId: p.id, judge, forward: fwd[i] };
    if (swp) rec.swapped = swp[i];
    return rec;
  });
}

import { cohenKappa } from "./cohen-kappa";
import type { LlmbarResultRow, LlmbarWinner } from "./llmbar";
import { pythonFloatRepr } from "./python-float";

/** How the kappas are computed. */
export type LlmbarKappaMode =
  /**
   * As LLMBar's evaluate.py: a winner becomes int(winner) only when it is
   * "0" or "1", otherwise 0 — so "2" and None both become 0 — and is then
   * compared with the integer label 1/2. This is a bug (the winner "2" can
   * never match the label 2), which is why the recorded kappa_False/True are
   * small; kept to reproduce statistics.json exactly.
   */
  | "original"
  /** Fixed: "1" -> 1, "2" -> 2, None -> its own class 0, against the label. */
  | "fixed";

/** The statistics LLMBar's evaluate.py writes, recomputed from result rows. */
export interface LlmbarStatisticsComputed {
  n: number;
  correctFalse: number;
  correctTrue: number;
  correctBoth: number;
  equal: number;
  /** Strings formatted exactly as evaluate.py does ("k / n = p%", Python float repr). */
  strings: { correct_False: string; correct_True: string; correct_average: string; correct_both: string; equal: string };
  kappa_False: number;
  kappa_True: number;
  kappa_average: number;
  kappa_agreement: number;
}

function ratio(k: number, n: number): string {
  return k + " / " + n + " = " + pythonFloatRepr((k / n) * 100) + "%";
}

function kappaValue(w: LlmbarWinner, mode: LlmbarKappaMode): number {
  if (mode === "original") return w === "0" || w === "1" ? Number(w) : 0;
  return w === "1" ? 1 : w === "2" ? 2 : 0;
}

/**
 * Recompute LLMBar's statistics from the final round of each result row:
 * correct_X counts winner == label (None is wrong), correct_both both
 * orders right, equal counts identical winners in both orders (two None
 * count as equal, as in the original), correct_average the mean of the two
 * accuracies.
 */
export function computeLlmbarStatistics(rows: LlmbarResultRow[], options: { kappa?: LlmbarKappaMode } = {}): LlmbarStatisticsComputed {
  const mode = options.kappa ?? "original";
  const n = rows.length;
  let cF = 0;
  let cT = 0;
  let both = 0;
  let eq = 0;
  const kF: number[] = [];
  const kT: number[] = [];
  const lab: number[] = [];
  for (const r of rows) {
    const label = String(r.label);
    const okF = r.winnerFalse === label;
    const okT = r.winnerTrue === label;
    if (okF) cF++;
    if (okT) cT++;
    if (okF && okT) both++;
    if (r.winnerFalse === r.winnerTrue) eq++;
    kF.push(kappaValue(r.winnerFalse, mode));
    kT.push(kappaValue(r.winnerTrue, mode));
    lab.push(r.label);
  }
  const kappa_False = cohenKappa(kF, lab);
  const kappa_True = cohenKappa(kT, lab);
  return {
    n,
    correctFalse: cF,
    correctTrue: cT,
    correctBoth: both,
    equal: eq,
    strings: {
      correct_False: ratio(cF, n),
      correct_True: ratio(cT, n),
      correct_average: pythonFloatRepr(((cF + cT) / 2 / n) * 100) + "%",
      correct_both: ratio(both, n),
      equal: ratio(eq, n),
    },
    kappa_False,
    kappa_True,
    kappa_average: (kappa_False + kappa_True) / 2,
    kappa_agreement: cohenKappa(kF, kT),
  };
}

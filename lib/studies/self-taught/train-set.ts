import { hashString, seededRng } from "../../random/seeded";
import type { ConversationRow } from "../../together/files/formats";
import { presented } from "./stages";
import { judgePrompt, type StudyPrompts } from "./prompts";
import type { PairJudgement, SyntheticPair } from "./types";

/** Balancing of the fine-tuning set between "A is better" and "B is better" rows. */
export type Balance =
  /** Down-sample the larger class (seeded) to the size of the smaller. */
  | "downsample"
  /** Keep every selected row (the original's behaviour when labels are imbalanced). */
  | "none";

/** One selected judgement (before it becomes a training row). */
export interface SelectedJudgement {
  pairId: string;
  order: "forward" | "swapped";
  /** The position the judgement (correctly) picked = the good response's position. */
  verdict: "A" | "B";
  sampleIndex: number;
  text: string;
}

/** Counts of the rejection sampling and balancing, for the run record. */
export interface TrainSetStats {
  pairs: number;
  judgedPairs: number;
  samples: number;
  correctSamples: number;
  invalidSamples: number;
  /** Pairs with at least one correct sample (rejection sampling keeps these). */
  pairsWithCorrect: number;
  selectedA: number;
  selectedB: number;
  droppedForBalance: number;
  rows: number;
}

/**
 * Rejection sampling + balancing: for every pair keep ONE judgement whose
 * verdict picks the good response (seeded choice among the correct samples
 * of both orders), never an incorrect or invalid one; pairs with no correct
 * sample contribute nothing. Then balance A-better / B-better rows
 * ("downsample": seeded down-sampling of the larger class). Rows are in
 * Together's chat format: user = the judge prompt as shown, assistant = the
 * judgement text.
 */
export function buildTrainingSet(
  pairs: SyntheticPair[],
  judgements: PairJudgement[],
  prompts: StudyPrompts,
  options: { seed: number | string; balance?: Balance },
): { rows: ConversationRow[]; selected: SelectedJudgement[]; stats: TrainSetStats } {
  const balance = options.balance ?? "downsample";
  const byPair = new Map<string, PairJudgement[]>();
  for (const j of judgements) {
    const l = byPair.get(j.pairId) ?? [];
    l.push(j);
    byPair.set(j.pairId, l);
  }
  const stats: TrainSetStats = { pairs: pairs.length, judgedPairs: 0, samples: 0, correctSamples: 0, invalidSamples: 0, pairsWithCorrect: 0, selectedA: 0, selectedB: 0, droppedForBalance: 0, rows: 0 };
  const chosen: SelectedJudgement[] = [];
  for (const p of pairs) {
    const js = byPair.get(p.id);
    if (!js || js.length === 0) continue;
    stats.judgedPairs++;
    const correct: SelectedJudgement[] = [];
    for (const j of js.slice().sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)))
      j.samples.forEach((s, k) => {
        stats.samples++;
        if (s.verdict === null) stats.invalidSamples++;
        else if (s.verdict === j.goodPosition) {
          stats.correctSamples++;
          correct.push({ pairId: p.id, order: j.order, verdict: s.verdict, sampleIndex: k, text: s.text });
        }
      });
    if (correct.length === 0) continue;
    stats.pairsWithCorrect++;
    chosen.push(correct[seededRng(hashString("select\u0000" + options.seed + "\u0000" + p.id)).int(correct.length)]);
  }
  const aRows = chosen.filter((c) => c.verdict === "A");
  const bRows = chosen.filter((c) => c.verdict === "B");
  stats.selectedA = aRows.length;
  stats.selectedB = bRows.length;
  let selected = chosen;
  if (balance === "downsample") {
    const k = Math.min(aRows.length, bRows.length);
    const keep = new Set<SelectedJudgement>();
    for (const group of [aRows, bRows]) {
      const idx = seededRng("balance\u0000" + options.seed + "\u0000" + group.length + "\u0000" + (group[0]?.verdict ?? "")).shuffle(group.map((_, i) => i));
      for (const i of idx.slice(0, k)) keep.add(group[i]);
    }
    selected = chosen.filter((c) => keep.has(c)); // keeps pair order
    stats.droppedForBalance = chosen.length - selected.length;
  }
  const pairById = new Map(pairs.map((p) => [p.id, p]));
  const rows: ConversationRow[] = selected.map((s) => {
    const p = pairById.get(s.pairId) as SyntheticPair;
    const pr = presented(p, s.order);
    return { messages: [{ role: "user", content: judgePrompt(prompts.judge, p.instruction, pr.a, pr.b) }, { role: "assistant", content: s.text }] };
  });
  stats.rows = rows.length;
  return { rows, selected, stats };
}

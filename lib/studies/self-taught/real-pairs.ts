import type { JudgePair, JudgeRecord } from "../../data/judge/types";
import type { LLM } from "../../llm/types";
import { evaluateJudgements, majorityVerdict, type JudgeEvaluation } from "./evaluate";
import type { StudyPrompts } from "./prompts";
import { judgePairs } from "./stages";
import type { PairJudgement, SyntheticPair } from "./types";
import type { VerdictRule } from "./verdict";

/**
 * A labelled real pair as a synthetic pair: the gold-better output is the
 * "good" response, and the forward order keeps the dataset's own order
 * (output 1 at A). Ties and unlabelled pairs cannot be judged by an A/B
 * judge and are skipped (counted by the caller).
 */
export function realToSynthetic(p: JudgePair): SyntheticPair | null {
  if (p.label !== 1 && p.label !== 2) return null;
  return p.label === 1
    ? { id: p.id, instruction: p.instruction, good: p.output1, worse: p.output2, goodPosition: "A" }
    : { id: p.id, instruction: p.instruction, good: p.output2, worse: p.output1, goodPosition: "B" };
}

/** Verdict records in the common format (output numbering of the dataset), for judge-eval --verdicts. */
export function toJudgeRecords(js: PairJudgement[], judge: string): JudgeRecord[] {
  const byPair = new Map<string, { forward?: PairJudgement; swapped?: PairJudgement }>();
  for (const j of js) {
    const e = byPair.get(j.pairId) ?? {};
    e[j.order] = j;
    byPair.set(j.pairId, e);
  }
  const out: JudgeRecord[] = [];
  for (const [pairId, e] of byPair) {
    if (!e.forward) continue;
    const f = majorityVerdict(e.forward);
    const rec: JudgeRecord = { pairId, judge, forward: f === null ? null : f === "A" ? 1 : 2 };
    if (e.swapped) {
      const s = majorityVerdict(e.swapped);
      rec.swapped = s === null ? null : s === "A" ? 2 : 1;
    }
    out.push(rec);
  }
  return out;
}

/** Judge real labelled pairs with the role "judge" (resumable stage) and score them. */
export async function judgeRealPairs(o: {
  llm: LLM;
  runDir: string;
  prompts: StudyPrompts;
  pairs: JudgePair[];
  stage: string;
  bothOrders?: boolean;
  temperature?: number;
  rule?: VerdictRule;
  concurrency?: number;
  maxTokens?: number;
}): Promise<{ evaluation: JudgeEvaluation; records: JudgeRecord[]; skipped: number }> {
  const syn = o.pairs.map(realToSynthetic).filter((p): p is SyntheticPair => p !== null);
  const r = await judgePairs({ llm: o.llm, runDir: o.runDir, prompts: o.prompts, pairs: syn, stage: o.stage, bothOrders: o.bothOrders ?? true, temperature: o.temperature ?? 0, rule: o.rule, concurrency: o.concurrency, maxTokens: o.maxTokens, progress: false });
  const js = Array.from(r.done.values());
  const judge = o.llm.endpoint("judge").model;
  return { evaluation: evaluateJudgements(syn, js, { judge }), records: toJudgeRecords(js, judge), skipped: o.pairs.length - syn.length };
}

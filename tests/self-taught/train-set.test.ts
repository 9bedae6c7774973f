import { describe, expect, it } from "vitest";
import { buildTrainingSet } from "../../lib/studies/self-taught/train-set";
import { buildPairs, presented } from "../../lib/studies/self-taught/stages";
import { loadStudyPrompts, matchPrompt, judgePrompt } from "../../lib/studies/self-taught/prompts";
import { goodPosition } from "../../lib/studies/self-taught/positions";
import { evaluateJudgements, majorityVerdict } from "../../lib/studies/self-taught/evaluate";
import type { PairJudgement, SyntheticPair } from "../../lib/studies/self-taught/types";
import { parseVerdict } from "../../lib/studies/self-taught/verdict";

const prompts = loadStudyPrompts();
const pair = (id: string, gp: "A" | "B"): SyntheticPair => ({ id, instruction: "Do " + id, good: "good " + id, worse: "worse " + id, goodPosition: gp });
const judged = (p: SyntheticPair, texts: string[], order: "forward" | "swapped" = "forward"): PairJudgement => {
  const gp = order === "forward" ? p.goodPosition : p.goodPosition === "A" ? "B" : "A";
  return { id: order === "forward" ? p.id : p.id + "#swapped", pairId: p.id, order, goodPosition: gp, samples: texts.map((t) => ({ text: t, ...parseVerdict(t) })) as PairJudgement["samples"], model: "m", simulated: true, temperature: 0.7 };
};

describe("rejection sampling and balancing", () => {
  it("keeps only correct judgements, one per pair, and balances A/B", () => {
    const ps = [pair("p1", "A"), pair("p2", "A"), pair("p3", "A"), pair("p4", "B"), pair("p5", "B"), pair("p6", "A")];
    const js = [
      judged(ps[0], ["x [[A]]", "y [[B]]"]), // one correct
      judged(ps[1], ["[[B]]", "[[B]]"]), // none correct -> rejected
      judged(ps[2], ["[[A]]", "[[A]]"]),
      judged(ps[3], ["[[B]]", ""]), // correct + empty
      judged(ps[4], ["[[A]][[B]]", "no tag"]), // both invalid -> rejected
      judged(ps[5], ["[[A]]"]),
    ];
    const r = buildTrainingSet(ps, js, prompts, { seed: 1 });
    expect(r.stats.pairsWithCorrect).toBe(4);
    expect(r.stats.selectedA).toBe(3);
    expect(r.stats.selectedB).toBe(1);
    expect(r.stats.rows).toBe(2);
    expect(r.stats.droppedForBalance).toBe(2);
    expect(r.stats.invalidSamples).toBe(3);
    expect(r.selected.filter((s) => s.verdict === "A").length).toBe(1);
    expect(r.selected.filter((s) => s.verdict === "B").length).toBe(1);
    for (const s of r.selected) expect(s.verdict).toBe(ps.find((p) => p.id === s.pairId)?.goodPosition);
    // rows: chat format, user = judge prompt with the pair as shown, assistant = the judgement
    const m = matchPrompt(prompts.judge, r.rows[0].messages[0].content);
    expect(m).not.toBeNull();
    expect(r.rows[0].messages[1].role).toBe("assistant");
    expect(parseVerdict(r.rows[0].messages[1].content).verdict).toBe(r.selected[0].verdict);
    // deterministic
    expect(buildTrainingSet(ps, js, prompts, { seed: 1 }).selected).toEqual(r.selected);
    // balance none keeps all four
    expect(buildTrainingSet(ps, js, prompts, { seed: 1, balance: "none" }).stats.rows).toBe(4);
  });
  it("edge cases: nothing judged, everything invalid, one class only", () => {
    const ps = [pair("a", "A"), pair("b", "A")];
    expect(buildTrainingSet(ps, [], prompts, { seed: 0 }).stats.rows).toBe(0);
    expect(buildTrainingSet(ps, [judged(ps[0], ["", "??"])], prompts, { seed: 0 }).stats).toMatchObject({ pairsWithCorrect: 0, invalidSamples: 2, rows: 0 });
    const only = buildTrainingSet(ps, [judged(ps[0], ["[[A]]"]), judged(ps[1], ["[[A]]"])], prompts, { seed: 0 });
    expect(only.stats).toMatchObject({ selectedA: 2, selectedB: 0, rows: 0, droppedForBalance: 2 });
  });
  it("a swapped-order judgement is used with the swapped prompt", () => {
    const p = pair("s", "A");
    const r = buildTrainingSet([p, pair("t", "B")], [judged(p, ["[[B]]"]), judged(p, ["[[B]]"], "swapped"), judged(pair("t", "B"), ["[[B]]"])], prompts, { seed: 3, balance: "none" });
    const s = r.selected.find((x) => x.pairId === "s");
    expect(s?.order).toBe("swapped");
    const m = matchPrompt(prompts.judge, r.rows[0].messages[0].content);
    expect(m?.response_a).toBe("worse s");
    expect(m?.response_b).toBe("good s");
  });
});

describe("positions, pairs, prompts, evaluation", () => {
  it("seeded positions are balanced-ish, stable and seed-dependent", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => "i" + i);
    const a = ids.filter((id) => goodPosition(7, id) === "A").length;
    expect(a).toBeGreaterThan(450);
    expect(a).toBeLessThan(550);
    expect(ids.map((id) => goodPosition(7, id))).toEqual(ids.map((id) => goodPosition(7, id)));
    expect(ids.map((id) => goodPosition(8, id))).not.toEqual(ids.map((id) => goodPosition(7, id)));
  });
  it("buildPairs excludes items with a failed worse parse and says why", () => {
    const ins = [{ id: "x", text: "t", source: "builtin" as const }, { id: "y", text: "u", source: "builtin" as const }];
    const good = new Map([["x", { id: "x", instruction: "t", response: "g", model: "m", simulated: true }], ["y", { id: "y", instruction: "u", response: "g2", model: "m", simulated: true }]]);
    const worse = new Map([["x", { id: "x", ok: false as const, reason: "empty", raw: "", model: "m", simulated: true }], ["y", { id: "y", ok: true as const, modifiedInstruction: "v", response: "w", model: "m", simulated: true }]]);
    const r = buildPairs(ins, good, worse, 1);
    expect(r.pairs.map((p) => p.id)).toEqual(["y"]);
    expect(r.excluded).toEqual([{ id: "x", reason: "worse output unparseable: empty" }]);
    const p = r.pairs[0];
    const f = presented(p, "forward");
    const s = presented(p, "swapped");
    expect(f.goodPosition).not.toBe(s.goodPosition);
    expect([f.a, f.b].sort()).toEqual(["g2", "w"]);
  });
  it("matchPrompt inverts fillPrompt", () => {
    const text = judgePrompt(prompts.judge, "Instr {x}\nline", "resp A\n[[A]]", "resp B");
    expect(matchPrompt(prompts.judge, text)).toEqual({ instruction: "Instr {x}\nline", response_a: "resp A\n[[A]]", response_b: "resp B" });
    expect(matchPrompt(prompts.generate, text)).toBeNull();
  });
  it("evaluateJudgements: majority vote, swapped mapping, consistency", () => {
    const ps = [pair("e1", "A"), pair("e2", "B"), pair("e3", "A")];
    const js = [
      judged(ps[0], ["[[A]]", "[[A]]", "[[B]]"]),
      judged(ps[0], ["[[B]]"], "swapped"), // good is at B when swapped: correct + consistent
      judged(ps[1], ["[[A]]", "[[B]]"]), // tie -> invalid
      judged(ps[1], ["[[A]]"], "swapped"), // correct
      judged(ps[2], ["[[B]]"]),
      judged(ps[2], ["[[B]]"], "swapped"), // position bias: inconsistent
    ];
    expect(majorityVerdict(js[0])).toBe("A");
    expect(majorityVerdict(js[2])).toBeNull();
    const e = evaluateJudgements(ps, js);
    expect(e.n).toBe(3);
    expect(e.accuracy).toBeCloseTo(1 / 3, 12);
    expect(e.bothOrders?.accuracySwapped).toBeCloseTo(1, 12);
    expect(e.bothOrders?.consistency).toBeCloseTo(1 / 3, 12);
    expect(e.invalid).toBe(1);
    expect(e.sampleAccuracy).toBeCloseTo(3 / 6, 12);
  });
});

import { describe, expect, it } from "vitest";
import { selfTaughtSimulator, fineTunedParams, summariseTraining, simulatedResponse } from "../../lib/studies/self-taught/simulator";
import { loadStudyPrompts, judgePrompt, matchPrompt } from "../../lib/studies/self-taught/prompts";
import { fillPrompt } from "../../lib/prompts/template";
import { parseVerdict } from "../../lib/studies/self-taught/verdict";
import { parseWorseOutput } from "../../lib/studies/self-taught/worse-parse";
import { instructionFit } from "../../lib/studies/self-taught/text-fit";
import { seededRng } from "../../lib/random/seeded";
import type { SimulatorContext } from "../../lib/llm/mock/simulator";
import { simulators } from "../../lib/llm/mock/simulators/index";

const prompts = loadStudyPrompts();
const ctx = (params: Record<string, string>, choiceIndex = 0, temperature = 1): SimulatorContext => ({
  model: "simulated/self-taught?" + new URLSearchParams(params).toString(),
  name: "self-taught",
  params,
  rng: seededRng(choiceIndex),
  choiceIndex,
  temperature,
});
const chat = (content: string, c: SimulatorContext) => (selfTaughtSimulator.chat as NonNullable<typeof selfTaughtSimulator.chat>)([{ role: "user", content }], c);
const INSTR = "Write a short poem about autumn leaves falling in a quiet park near the river.";

describe("self-taught simulator", () => {
  it("is registered as 'self-taught'", () => {
    expect(simulators["self-taught"]).toBe(selfTaughtSimulator);
  });
  it("generate: a response that fits the instruction; deterministic", () => {
    const p = fillPrompt(prompts.generate, { instruction: INSTR });
    const a = chat(p, ctx({}));
    expect(a).toBe(chat(p, ctx({})));
    expect(instructionFit(INSTR, a)).toBeGreaterThan(0.5);
  });
  it("worse: the exact format the prompt asks for, parseable, and fitting the original less", () => {
    let ok = 0;
    let fitGood = 0;
    let fitWorse = 0;
    for (let i = 0; i < 60; i++) {
      const ins = INSTR + " Variant " + i + " mentions lanterns and bridges.";
      const out = chat(fillPrompt(prompts.worse, { instruction: ins }), ctx({ malformed: "0" }));
      const parsed = parseWorseOutput(out, ins);
      expect(parsed.ok, out).toBe(true);
      if (parsed.ok) {
        ok++;
        fitWorse += instructionFit(ins, parsed.response);
        fitGood += instructionFit(ins, chat(fillPrompt(prompts.generate, { instruction: ins }), ctx({})));
      }
    }
    expect(ok).toBe(60);
    expect(fitGood / 60).toBeGreaterThan(fitWorse / 60 + 0.1);
    // with malformed = 1 every output fails to parse
    const bad = chat(fillPrompt(prompts.worse, { instruction: INSTR }), ctx({ malformed: "1" }));
    expect(parseWorseOutput(bad, INSTR).ok).toBe(false);
  });
  it("judge: accuracy follows quality, position bias follows bias, invalid rate follows invalid", () => {
    const good = simulatedResponse(INSTR, 1, seededRng(1));
    const worse = "A general answer about mountains and winter skiing.";
    const run = (params: Record<string, string>) => {
      let correct = 0;
      let a = 0;
      let invalid = 0;
      const n = 400;
      for (let i = 0; i < n; i++) {
        const goodAtA = i % 2 === 0;
        const p = judgePrompt(prompts.judge, INSTR + " #" + i, goodAtA ? good : worse, goodAtA ? worse : good);
        const v = parseVerdict(chat(p, ctx(params, i)));
        if (v.verdict === null) invalid++;
        else {
          if (v.verdict === "A") a++;
          if ((v.verdict === "A") === goodAtA) correct++;
        }
      }
      return { acc: correct / n, shareA: a / (n - invalid), invalid: invalid / n };
    };
    const hi = run({ quality: "0.95", invalid: "0", quote: "0" });
    const lo = run({ quality: "0.6", invalid: "0", quote: "0" });
    expect(hi.acc).toBeGreaterThan(0.9);
    expect(lo.acc).toBeLessThan(0.7);
    expect(hi.invalid).toBe(0);
    expect(run({ quality: "0.8", bias: "0.5", invalid: "0", quote: "0" }).shareA).toBeGreaterThan(0.65);
    expect(run({ quality: "0.8", bias: "-0.5", invalid: "0", quote: "0" }).shareA).toBeLessThan(0.35);
    const inv = run({ quality: "0.8", invalid: "0.3", quote: "0" }).invalid;
    expect(inv).toBeGreaterThan(0.2);
    expect(inv).toBeLessThan(0.4);
    // quoting the other tag: invalid under "any", valid under "last-line"
    const q = chat(judgePrompt(prompts.judge, INSTR, good, worse), ctx({ quote: "1", invalid: "0" }));
    expect(parseVerdict(q).invalid).toBe("both");
    expect(parseVerdict(q, "last-line").verdict).not.toBeNull();
  });
  it("temperature 0: every sample the same; temperature > 0: samples differ", () => {
    const p = judgePrompt(prompts.judge, INSTR, "x", "y");
    const t0 = [0, 1, 2, 3].map((i) => chat(p, ctx({ quality: "0.5" }, i, 0)));
    expect(new Set(t0).size).toBe(1);
    const t1 = Array.from({ length: 12 }, (_, i) => chat(p, ctx({ quality: "0.5" }, i, 1)));
    expect(new Set(t1).size).toBeGreaterThan(1);
  });
  it("fine-tuning effect: depends on the training rows (agreement, balance, amount, lineage)", () => {
    const row = (i: number, correct: boolean, verdictA: boolean) => {
      const good = simulatedResponse(INSTR + " " + i, 1, seededRng(i));
      const bad = "Unrelated text about mountains.";
      const pick = verdictA ? "A" : "B";
      const aIsGood = correct === verdictA;
      return { messages: [{ role: "user", content: judgePrompt(prompts.judge, INSTR + " " + i, aIsGood ? good : bad, aIsGood ? bad : good) }, { role: "assistant", content: "Because. [[" + pick + "]]" }] };
    };
    const correctBalanced = Array.from({ length: 200 }, (_, i) => row(i, true, i % 2 === 0));
    const wrongBalanced = Array.from({ length: 200 }, (_, i) => row(i, false, i % 2 === 0));
    const allA = Array.from({ length: 200 }, (_, i) => row(i, true, true));
    expect(summariseTraining(correctBalanced)).toMatchObject({ rows: 200, usable: 200, agreement: 1, shareA: 0.5 });
    const base = { quality: "0.7", bias: "0", invalid: "0.05" };
    const good = fineTunedParams(base, { trainingRows: correctBalanced, nEpochs: 1 });
    const bad = fineTunedParams(base, { trainingRows: wrongBalanced, nEpochs: 1 });
    const biased = fineTunedParams(base, { trainingRows: allA, nEpochs: 1 });
    const few = fineTunedParams(base, { trainingRows: correctBalanced.slice(0, 10), nEpochs: 1 });
    expect(Number(good.quality)).toBeGreaterThan(0.85);
    expect(Number(bad.quality)).toBeLessThan(0.6);
    expect(Number(few.quality)).toBeLessThan(Number(good.quality));
    expect(Number(few.quality)).toBeGreaterThan(0.7);
    expect(Number(biased.bias)).toBeGreaterThan(0.3);
    expect(Number(good.invalid)).toBeLessThan(0.05);
    expect(good.depth).toBe("1");
    // training again from the fine-tuned model: the lineage penalty applies
    const again = fineTunedParams(good, { trainingRows: correctBalanced, nEpochs: 1 });
    expect(again.depth).toBe("2");
    expect(Number(again.quality)).toBeLessThan(Number(good.quality));
    // rows that are not judge prompts are not usable
    expect(summariseTraining([{ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "[[A]]" }] }, { prompt: "x" }]).usable).toBe(0);
  });
  it("answers do not depend on the fine-tune job id (drawn at random by the mock), so runs reproduce", () => {
    const p = judgePrompt(prompts.judge, INSTR, "x y", "y z");
    const outs = ["ft-000002-aaaaaa", "ft-000002-bbbbbb"].map((ft) => chat(p, { ...ctx({ quality: "0.8", depth: "1" }), params: { quality: "0.8", depth: "1", ft }, model: "simulated/self-taught?quality=0.8&depth=1&ft=" + ft }));
    expect(outs[0]).toBe(outs[1]);
  });
  it("matchPrompt round-trips the worse and generate templates", () => {
    expect(matchPrompt(prompts.worse, fillPrompt(prompts.worse, { instruction: INSTR }))).toEqual({ instruction: INSTR });
    expect(matchPrompt(prompts.generate, fillPrompt(prompts.generate, { instruction: INSTR }))).toEqual({ instruction: INSTR });
  });
});

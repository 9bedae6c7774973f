import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import { wilsonInterval, normalQuantile } from "../../lib/studies/self-taught/metrics/wilson";
import { cohenKappa } from "../../lib/data/judge/cohen-kappa";
import { pythonFloatRepr } from "../../lib/data/judge/python-float";
import { scoreJudge, scoreVerdict } from "../../lib/studies/self-taught/metrics/judge-scores";
import type { JudgePair, JudgeRecord } from "../../lib/data/judge/types";

const wilson = JSON.parse(fs.readFileSync("tests/fixtures/self-taught/wilson.json", "utf8")) as { k: number; n: number; level: number; expected: number[] }[];
const reprs = JSON.parse(fs.readFileSync("tests/fixtures/self-taught/float_repr.json", "utf8")) as [number, string][];

describe("wilsonInterval", () => {
  it.each(wilson)("k=$k n=$n level=$level matches the scipy reference", (c) => {
    const r = wilsonInterval(c.k, c.n, c.level);
    expect(r.estimate).toBeCloseTo(c.expected[0], 14);
    expect(r.lower).toBeCloseTo(c.expected[1], 9);
    expect(r.upper).toBeCloseTo(c.expected[2], 9);
  });
  it("is NaN for n = 0 and rejects k outside [0, n]", () => {
    expect(wilsonInterval(0, 0).estimate).toBeNaN();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });
  it("normalQuantile is accurate", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 9);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.5758293035489, 8);
  });
});

describe("pythonFloatRepr", () => {
  it("matches Python repr() on every fixture", () => {
    const bad = reprs.filter(([x, s]) => pythonFloatRepr(x) !== s);
    expect(bad.slice(0, 5)).toEqual([]);
    expect(reprs.length).toBeGreaterThan(2000);
  });
});

describe("cohenKappa", () => {
  it("perfect agreement is 1, chance-level is 0, hand-computed case", () => {
    expect(cohenKappa([1, 2, 1, 2], [1, 2, 1, 2])).toBe(1);
    expect(cohenKappa([1, 1, 2, 2], [1, 2, 1, 2])).toBeCloseTo(0, 15);
    // po = 0.7; marginals (0.6, 0.4) x (0.5, 0.5): pe = 0.5 -> kappa = 0.4
    expect(cohenKappa([1, 1, 1, 1, 1, 1, 2, 2, 2, 2], [1, 1, 1, 1, 2, 2, 2, 2, 2, 1])).toBeCloseTo(0.4, 12);
  });
  it("is NaN when every label is the same class", () => {
    expect(cohenKappa([1, 1], [1, 1])).toBeNaN();
  });
});

describe("scoreJudge", () => {
  const pairs: JudgePair[] = [1, 2, 1, 2].map((label, i) => ({ id: "p" + i, dataset: "t", subset: "t", index: i, instruction: "", output1: "", output2: "", label: label as 1 | 2 }));
  const recs: JudgeRecord[] = [
    { pairId: "p0", judge: "j", forward: 1, swapped: 1 },
    { pairId: "p1", judge: "j", forward: 1, swapped: 2 },
    { pairId: "p2", judge: "j", forward: null, swapped: null },
    { pairId: "p3", judge: "j", forward: 2, swapped: 2 },
  ];
  it("strict scoring, invalid rate, consistency excluding double-invalid", () => {
    const s = scoreJudge(pairs, recs);
    expect(s.n).toBe(4);
    expect(s.accuracy).toBe(0.5);
    expect(s.invalid).toBe(2);
    expect(s.invalidRate).toBe(2 / 8);
    expect(s.bothOrders?.accuracySwapped).toBe(0.75);
    expect(s.bothOrders?.correctBoth).toBe(0.5);
    expect(s.bothOrders?.consistency).toBe(0.5);
    expect(s.preferFirstRate).toBe(2 / 3);
  });
  it("rewardbench scoring gives invalid verdicts half credit", () => {
    expect(scoreVerdict(null, 1, "rewardbench")).toBe(0.5);
    expect(scoreVerdict("tie", "tie")).toBe(1);
    const s = scoreJudge(pairs, recs, { scoring: "rewardbench" });
    expect(s.accuracy).toBe(2.5 / 4);
  });
  it("records for unknown pairs are an error", () => {
    expect(() => scoreJudge(pairs, [{ pairId: "zz", judge: "j", forward: 1 }])).toThrow(/unknown pair zz/);
  });
});

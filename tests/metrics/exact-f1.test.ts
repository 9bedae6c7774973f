import { describe, expect, it } from "vitest";
import { corpusScore, exactMatch, metricByName, normalizeAnswer, normalizeSquad, tokenF1 } from "../../lib/metrics/index";

describe("exactMatch (SuperNI normaliser)", () => {
  it("lowercases, drops ASCII punctuation, collapses whitespace, keeps articles", () => {
    expect(exactMatch("The  Cat!", "the cat")).toBe(1);
    expect(exactMatch("cat", "the cat")).toBe(0);
    expect(normalizeAnswer("  A, b;\t\nC-d ")).toBe("a b cd");
  });
  it("does not remove non-ASCII punctuation", () => {
    expect(exactMatch("cat…", "cat")).toBe(0);
    expect(exactMatch("«cat»", "cat")).toBe(0);
  });
  it("uses Python's whitespace set (U+0085 and U+001F are space, U+FEFF is not)", () => {
    expect(exactMatch("a\u0085b", "a b")).toBe(1);
    expect(exactMatch("a\u001fb", "a b")).toBe(1);
    expect(exactMatch("a\ufeffb", "a b")).toBe(0);
  });
  it("takes the max over references and handles empty strings", () => {
    expect(exactMatch("yes", ["no", "Yes."])).toBe(1);
    expect(exactMatch("", "")).toBe(1);
    expect(exactMatch("...", "")).toBe(1);
  });
});

describe("tokenF1 (SQuAD)", () => {
  it("computes multiset overlap F1 with articles removed", () => {
    // pred [cat, sat] vs gold [cat, sat, down]: P 1, R 2/3, F 0.8.
    expect(tokenF1("the cat sat", "a cat sat down")).toBeCloseTo(0.8, 15);
    // duplicates count once per occurrence: pred [a.. ] -> [x, x, y] vs [x, y, y]: same 2, P=R=2/3.
    expect(tokenF1("x x y", "x y y")).toBeCloseTo(2 / 3, 15);
    expect(tokenF1("dog", "cat")).toBe(0);
  });
  it("handles empty answers as SQuAD 2.0 (or 1.1 on request)", () => {
    expect(tokenF1("the", "")).toBe(1);
    expect(tokenF1("", "cat")).toBe(0);
    expect(tokenF1("", "", { empty: "squad1" })).toBe(0);
  });
  it("removes articles only as whole words (Unicode word boundaries, as Python's re)", () => {
    expect(normalizeSquad("The theme of an anthem")).toBe("theme of anthem");
    expect(normalizeSquad("éthe cat")).toBe("éthe cat");
    expect(normalizeSquad("é the cat")).toBe("é cat");
  });
});

describe("corpusScore and metricByName", () => {
  it("averages x100 and rejects mismatched input", () => {
    expect(corpusScore(["a", "b"], ["a", ["c", "b"]], metricByName("exact_match"))).toBe(100);
    expect(corpusScore(["a", "b"], ["a", "c"], metricByName("exact_match"))).toBe(50);
    expect(corpusScore(["a b c"], ["a b d"], metricByName("rougeL-nostem"), { round4: true })).toBe(66.6667);
    expect(() => corpusScore(["a"], [], exactMatch)).toThrow(/differ in length/);
    expect(() => metricByName("bleu")).toThrow(/unknown metric/);
  });
});

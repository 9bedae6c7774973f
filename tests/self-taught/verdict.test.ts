import { describe, expect, it } from "vitest";
import { parseVerdict, tallyVerdicts } from "../../lib/studies/self-taught/verdict";
import { parseWorseOutput } from "../../lib/studies/self-taught/worse-parse";

describe("parseVerdict", () => {
  it("a single tag at the end", () => {
    expect(parseVerdict("A is more complete.\n\n[[A]]")).toEqual({ verdict: "A" });
    expect(parseVerdict("[[B]]")).toEqual({ verdict: "B" });
  });
  it("both tags = invalid 'both', under both rules when on the last line", () => {
    expect(parseVerdict("[[A]] [[B]]")).toEqual({ verdict: null, invalid: "both" });
    expect(parseVerdict("Explanation.\n[[A]] or [[B]]", "last-line")).toEqual({ verdict: null, invalid: "both" });
  });
  it("no tag = invalid 'none'; lookalikes are not tags", () => {
    for (const t of ["A is better.", "[A]", "[[a]]", "[[ A ]]", "[[C]]", "[[AB]]", "verdict: A"]) expect(parseVerdict(t)).toEqual({ verdict: null, invalid: "none" });
  });
  it("empty or whitespace output = invalid 'empty'", () => {
    for (const t of ["", "  \n\t", null, undefined]) {
      expect(parseVerdict(t)).toEqual({ verdict: null, invalid: "empty" });
      expect(parseVerdict(t, "last-line")).toEqual({ verdict: null, invalid: "empty" });
    }
  });
  it("a tag quoted inside the explanation: 'any' = invalid, 'last-line' = the final tag wins", () => {
    const t = "Some would answer [[B]], but A is clearly better.\n\n[[A]]";
    expect(parseVerdict(t)).toEqual({ verdict: null, invalid: "both" });
    expect(parseVerdict(t, "last-line")).toEqual({ verdict: "A" });
  });
  it("the same tag repeated is fine; the explanation's own tag counts under 'any'", () => {
    expect(parseVerdict("I pick [[B]].\n[[B]]")).toEqual({ verdict: "B" });
    expect(parseVerdict("I pick [[B]] here.\nThat is all.")).toEqual({ verdict: "B" });
    expect(parseVerdict("I pick [[B]] here.\nThat is all.", "last-line")).toEqual({ verdict: null, invalid: "none" });
    expect(parseVerdict("Final verdict: [[A]]  \n\n", "last-line")).toEqual({ verdict: "A" });
  });
  it("tally counts every outcome", () => {
    const t = tallyVerdicts(["[[A]]", "[[B]]", "[[A]][[B]]", "x", ""].map((s) => parseVerdict(s)));
    expect(t).toEqual({ A: 1, B: 1, both: 1, none: 1, empty: 1, total: 5, invalidRate: 0.6 });
  });
});

describe("parseWorseOutput", () => {
  const orig = "Write a poem about the sea.";
  it("parses the two sections", () => {
    expect(parseWorseOutput("### Modified instruction\nWrite a poem about the desert.\n\n### Response\nSand and sun.", orig)).toEqual({ ok: true, modifiedInstruction: "Write a poem about the desert.", response: "Sand and sun." });
    expect(parseWorseOutput("## MODIFIED INSTRUCTION:\nX y z\n## Response:\nR", orig)).toMatchObject({ ok: true, modifiedInstruction: "X y z", response: "R" });
  });
  it("reports every failure with its reason", () => {
    const cases: [string, string][] = [
      ["", "empty"],
      ["Modified instruction: x\nResponse: y", "missing-modified-header"],
      ["### Modified instruction\nx\n", "missing-response-header"],
      ["### Response\ny\n### Modified instruction\nx", "missing-modified-header"],
      ["Sure!\n### Modified instruction\nx\n### Response\ny", "text-before-header"],
      ["### Modified instruction\n\n### Response\ny", "empty-modified"],
      ["### Modified instruction\nx\n### Response\n  ", "empty-response"],
      ["### Modified instruction\nWrite a  poem about the SEA.\n### Response\ny", "unchanged-instruction"],
      ["### Modified instruction\nx\n### Response\ny\n### Response\nz", "duplicate-header"],
    ];
    for (const [text, reason] of cases) expect(parseWorseOutput(text, orig), text).toEqual({ ok: false, reason });
  });
});

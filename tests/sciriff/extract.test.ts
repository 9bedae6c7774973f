import { describe, expect, it } from "vitest";
import { extractJson, extractAll } from "../../lib/studies/sciriff/extract/extract-json";
import { findJson } from "../../lib/studies/sciriff/extract/find-json";
import { stripEos } from "../../lib/studies/sciriff/extract/strip-eos";
import { PyFloat } from "../../lib/studies/sciriff/pyjson/py-float";

const LIST = { default: [] as unknown[] };
const DICT = { default: { verdict: "NEI", evidence: [] as unknown[] } };

describe("extractJson on nasty outputs", () => {
  it("parses a clean answer as valid_json", () => {
    expect(extractJson('["a", "b"]', LIST)).toMatchObject({ value: ["a", "b"], status: "valid_json" });
  });
  it("finds JSON inside prose", () => {
    const r = extractJson('Sure! Here is the answer:\n["BRCA1", "TP53"]\nLet me know if you need more.', LIST);
    expect(r).toMatchObject({ value: ["BRCA1", "TP53"], status: "extract_success" });
  });
  it("finds JSON inside a code fence", () => {
    const r = extractJson('```json\n{"verdict": "SUPPORT", "evidence": ["x"]}\n```', DICT);
    expect(r).toMatchObject({ value: { verdict: "SUPPORT", evidence: ["x"] }, status: "extract_success" });
  });
  it("takes the outer value of nested brackets", () => {
    expect(extractJson('Findings: [["a", null, "b", "no significant difference", "e"]] done', LIST).value).toEqual([["a", null, "b", "no significant difference", "e"]]);
  });
  it("scans only for the default's bracket type", () => {
    expect(extractJson('The answer {"a": 1} is ["x"]', LIST)).toMatchObject({ value: ["x"], status: "extract_success" });
  });
  it("ignores brackets inside strings (default) but not in the original mode", () => {
    const text = 'Answer: {"verdict": "SUPPORT", "evidence": ["values in {braces"]} end';
    expect(extractJson(text, DICT)).toMatchObject({ status: "extract_success", value: { verdict: "SUPPORT", evidence: ["values in {braces"] } });
    // The original counts the "{" inside the string: depth never returns to 0.
    expect(extractJson(text, { ...DICT, scan: "original" })).toMatchObject({ status: "extract_failure", value: { verdict: "NEI", evidence: [] } });
  });
  it("an unbalanced extra closing bracket: the balanced prefix is extracted", () => {
    expect(extractJson('["a", "b"]]', LIST)).toMatchObject({ value: ["a", "b"], status: "extract_success" });
  });
  it("a stray closing bracket before the JSON hides it in the original mode only", () => {
    const text = 'See refs 1] and 2]: ["a"]';
    expect(extractJson(text, LIST)).toMatchObject({ value: ["a"], status: "extract_success" });
    expect(extractJson(text, { ...LIST, scan: "original" }).status).toBe("extract_failure");
  });
  it("keeps scanning after a candidate that fails to parse", () => {
    expect(extractJson("[not json] then [1, 2]", LIST)).toMatchObject({ value: [1, 2], status: "extract_success" });
  });
  it("rejects trailing commas as Python does (default value)", () => {
    expect(extractJson('["a", "b",]', LIST)).toMatchObject({ value: [], status: "extract_failure" });
    expect(extractJson('{"verdict": "SUPPORT", "evidence": [],}', DICT).status).toBe("extract_failure");
  });
  it("accepts Python's NaN/Infinity tokens", () => {
    const r = extractJson('Values: [NaN, 1.5, Infinity]', LIST);
    expect(r.status).toBe("extract_success");
    const v = r.value as PyFloat[];
    expect(Number.isNaN(v[0].value)).toBe(true);
    expect(v[2].value).toBe(Infinity);
  });
  it("a truncated output falls back to the default", () => {
    expect(extractJson('[["a", "b", "c", "d", "e"], ["f", "g"', LIST)).toMatchObject({ value: [], status: "extract_failure" });
  });
  it("null and \"null\" take the default with status null_json", () => {
    expect(extractJson("null", DICT)).toMatchObject({ value: DICT.default, status: "null_json" });
    expect(extractJson('"null"', DICT)).toMatchObject({ value: DICT.default, status: "null_json" });
    expect(extractJson("  null\n", DICT).status).toBe("null_json");
  });
  it("a valid JSON value of the wrong type is still valid_json (as the original)", () => {
    expect(extractJson('"just a string"', LIST)).toMatchObject({ value: "just a string", status: "valid_json" });
  });
  it("the default is a fresh copy each time", () => {
    const a = extractJson("nothing", DICT).value as { evidence: unknown[] };
    a.evidence.push("x");
    expect(extractJson("nothing", DICT).value).toEqual({ verdict: "NEI", evidence: [] });
  });
  it("evidence inference: a closing } becomes ]", () => {
    expect(extractJson('  [["a", "b", "c", "d", "e"]}  ', { default: [], closeBracketFix: true })).toMatchObject({ status: "valid_json", raw: '[["a", "b", "c", "d", "e"]]' });
  });
  it("escaped quotes inside strings do not end the string", () => {
    expect(findJson('x ["say \\"]\\" now"] y', "array")).toMatchObject({ found: true, value: ['say "]" now'] });
  });
});

describe("extractAll", () => {
  it("counts statuses and frac_success = (valid + extracted) / all", () => {
    const { counts } = extractAll(['["a"]', 'x ["b"] y', "null", "nothing"], LIST);
    expect(counts).toEqual({ valid_json: 1, null_json: 1, extract_success: 1, extract_failure: 1, frac_success: 0.5 });
  });
});

describe("stripEos", () => {
  it("removes a trailing </s> (default)", () => {
    expect(stripEos('["genes"]</s>')).toBe('["genes"]');
    expect(stripEos("genes")).toBe("genes");
  });
  it("reproduces Python's strip('</s>') character-set quirk", () => {
    expect(stripEos("genes", "original")).toBe("gene");
    expect(stripEos("<s>sentences</s>", "original")).toBe("entence");
  });
});

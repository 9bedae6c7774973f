import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import { parsePyJson } from "../../lib/studies/sciriff/pyjson/parse";
import { PyFloat, pyFloatRepr } from "../../lib/studies/sciriff/pyjson/py-float";
import { normalizeListEntry } from "../../lib/studies/sciriff/metrics/normalize-entry";
import { pyRepr } from "../../lib/studies/sciriff/pyjson/py-types";

const fx = JSON.parse(fs.readFileSync("tests/fixtures/sciriff/python_semantics.json", "utf8"));

describe("parsePyJson (Python json.loads)", () => {
  for (const c of fx.loads as { text: string; ok: boolean }[]) {
    it("accepts/rejects " + JSON.stringify(c.text) + " as Python does (" + c.ok + ")", () => {
      expect(parsePyJson(c.text).ok).toBe(c.ok);
    });
  }
  it("keeps floats apart from ints, NaN and Infinity as floats", () => {
    const r = parsePyJson("[1, 1.0, 2e3, NaN, -Infinity]");
    expect(r.ok).toBe(true);
    const v = (r as { value: unknown[] }).value;
    expect(v[0]).toBe(1);
    expect(v[1]).toBeInstanceOf(PyFloat);
    expect((v[2] as PyFloat).value).toBe(2000);
    expect(Number.isNaN((v[3] as PyFloat).value)).toBe(true);
    expect((v[4] as PyFloat).value).toBe(-Infinity);
  });
  it("keeps a __proto__ key as data and the last of repeated keys", () => {
    const r = parsePyJson('{"__proto__": [1], "a": 1, "a": 2}') as { ok: true; value: Record<string, unknown> };
    expect(Object.keys(r.value)).toEqual(["__proto__", "a"]);
    expect(r.value.a).toBe(2);
  });
  it("decodes escapes and surrogate pairs", () => {
    const r = parsePyJson('"a\\n\\u00e9\\ud83d\\ude00\\/"') as { ok: true; value: string };
    expect(r.value).toBe("a\né😀/");
  });
});

describe("Python float formatting", () => {
  for (const c of fx.round as { text: string; str_round2: string; repr: string }[]) {
    it("str(round(" + c.text + ", 2)) = " + c.str_round2 + ", repr = " + c.repr, () => {
      const r = parsePyJson(c.text) as { ok: true; value: unknown };
      expect(normalizeListEntry(r.value)).toBe(c.str_round2);
      const v = r.value instanceof PyFloat ? r.value.value : (r.value as number);
      expect(pyFloatRepr(v)).toBe(c.repr);
    });
  }
});

describe("normalizeListEntry", () => {
  it("follows SciRIFF's rules", () => {
    expect(normalizeListEntry(null)).toBe("");
    expect(normalizeListEntry("  BRCA1 \u00a0")).toBe("brca1");
    expect(normalizeListEntry(7)).toBe("7");
    expect(normalizeListEntry(true)).toBe("True");
    expect(normalizeListEntry(["A b", ["C"]])).toBe("A b C"); // joined, not lowercased
    expect(() => normalizeListEntry(["a", 1])).toThrow(/expected str/);
    expect(() => normalizeListEntry({ a: 1 })).toThrow();
  });
  it("pyRepr writes Python literals", () => {
    expect(pyRepr({ a: [1, new PyFloat(2), null, true, "it's"] })).toBe("{'a': [1, 2.0, None, True, \"it's\"]}");
  });
});

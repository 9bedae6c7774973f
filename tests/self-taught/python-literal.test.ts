import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import { parsePythonLiteral } from "../../lib/data/judge/python-literal";
import { InputError } from "../../lib/util/errors";

const fixtures = JSON.parse(fs.readFileSync("tests/fixtures/self-taught/python_literals.json", "utf8")) as { repr: string; json: string }[];

describe("parsePythonLiteral", () => {
  it.each(fixtures.map((f, i) => [i, f] as const))("matches Python's repr() fixture %i", (_i, f) => {
    expect(parsePythonLiteral(f.repr)).toEqual(JSON.parse(f.json));
  });
  it("handles prefixes, triple quotes, concatenation, escapes", () => {
    expect(parsePythonLiteral("u'a' \"b\" r'\\n'")).toBe("ab\\n");
    expect(parsePythonLiteral("'''x\n'y'\n'''")).toBe("x\n'y'\n");
    expect(parsePythonLiteral("'\\x41\\u00e9\\U0001F600\\101\\q'")).toBe("Aé😀A\\q");
    expect(parsePythonLiteral("(1,)")).toEqual([1]);
    expect(parsePythonLiteral("(1)")).toBe(1);
    expect(parsePythonLiteral("{1: 'a', True: None}")).toEqual({ "1": "a", True: null });
    expect(parsePythonLiteral("{1, 2}")).toEqual([1, 2]);
    expect(parsePythonLiteral("[1_000, 0x1f, -2.5e-3, .5]")).toEqual([1000, 31, -0.0025, 0.5]);
  });
  it("rejects bad input with an InputError naming the file and field", () => {
    const where = { file: "r.json", field: "[3].results" };
    for (const bad of ["[1, 2", "'abc", "{'a' 1}", "[1] x", "Nonesuch", "'a\nb'", "", "{[1]: 2}"]) {
      let err: unknown;
      try {
        parsePythonLiteral(bad, where);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(InputError);
      expect(String((err as Error).message)).toContain("r.json field '[3].results'");
    }
  });
});

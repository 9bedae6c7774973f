import { describe, expect, it } from "vitest";
import { declaredParams, injectedSource, parseParamArgs, toLiteral } from "../../lib/notebook/params";

const cell = [
  "const n = 200; // sample size",
  "let model: string = \"sim\";",
  "const rate = 0.5",
  "const verbose = false;",
  "const sizes = [1, 2];",
  "const opts = { a: 1 };",
  "const when = new Date(0);",
  "// a comment line",
].join("\n");

describe("notebook parameters", () => {
  it("finds declarations and infers their kind from the default", () => {
    const d = declaredParams(cell);
    expect(d.map((p) => [p.name, p.keyword, p.kind])).toEqual([
      ["n", "const", "number"],
      ["model", "let", "string"],
      ["rate", "const", "number"],
      ["verbose", "const", "boolean"],
      ["sizes", "const", "json"],
      ["opts", "const", "json"],
      ["when", "const", "unknown"],
    ]);
  });
  it("turns values into typed literals", () => {
    const d = declaredParams(cell);
    const get = (n: string) => d.find((p) => p.name === n)!;
    expect(toLiteral(get("n"), "50")).toBe("50");
    expect(toLiteral(get("model"), "50")).toBe('"50"');
    expect(toLiteral(get("model"), 'say "hi"')).toBe('"say \\"hi\\""');
    expect(toLiteral(get("model"), '"quoted"')).toBe('"quoted"');
    expect(toLiteral(get("verbose"), "true")).toBe("true");
    expect(toLiteral(get("sizes"), "[3,4]")).toBe("[3,4]");
    expect(() => toLiteral(get("n"), "fifty")).toThrow(/parameter 'n' is a number \(default 200\), not 'fifty'/);
    expect(() => toLiteral(get("verbose"), "yes")).toThrow(/is a boolean/);
    expect(() => toLiteral(get("sizes"), "[3,")).toThrow(/is a JSON value/);
  });
  it("builds the injected cell and rejects unknown names", () => {
    const d = declaredParams(cell);
    const src = injectedSource(d, parseParamArgs(["n=7", "model=gpt-x"]));
    expect(src.split("\n").slice(1)).toEqual(["const n = 7;", 'let model = "gpt-x";']);
    expect(() => injectedSource(d, parseParamArgs(["m=1"]))).toThrow(/unknown parameter 'm' \(the parameters cell declares: n, model, rate/);
    expect(() => parseParamArgs(["novalue"])).toThrow(/--param takes key=value/);
  });
});

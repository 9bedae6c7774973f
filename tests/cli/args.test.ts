import { describe, expect, it } from "vitest";
import { parseArgs, type OptionSpec } from "../../lib/cli/args";
import { UsageError } from "../../lib/util/errors";

const opts: OptionSpec[] = [
  { name: "out", short: "o", type: "string", description: "" },
  { name: "n", type: "number", description: "", default: 3 },
  { name: "dry-run", type: "boolean", description: "" },
  { name: "metric", type: "list", description: "", default: ["rougeL"] },
  { name: "mode", type: "string", description: "", choices: ["a", "b"] },
];

describe("parseArgs", () => {
  it("parses values, inline values, flags, lists and positionals", () => {
    const r = parseArgs(["x.ipynb", "--out", "o.json", "--n=5", "--dry-run", "--metric", "em", "--metric=f1", "-o", "p.json"], opts, [{ name: "file", description: "", required: true }]);
    expect(r.options).toEqual({ out: "p.json", n: 5, "dry-run": true, metric: ["em", "f1"], mode: undefined });
    expect(r.named.file).toBe("x.ipynb");
  });
  it("keeps defaults when options are absent, and --no- negates flags", () => {
    const r = parseArgs(["--no-dry-run"], opts);
    expect(r.options.n).toBe(3);
    expect(r.options.metric).toEqual(["rougeL"]);
    expect(r.options["dry-run"]).toBe(false);
  });
  it("treats everything after -- as positional", () => {
    const r = parseArgs(["--", "--out"], opts, [{ name: "rest", description: "", variadic: true }]);
    expect(r.named.rest).toEqual(["--out"]);
  });
  it("rejects unknown options with a suggestion", () => {
    expect(() => parseArgs(["--ot", "x"], opts)).toThrow(/unknown option --ot \(did you mean --out\?\)/);
    expect(() => parseArgs(["--ot", "x"], opts)).toThrow(UsageError);
  });
  it("rejects missing values, bad numbers, bad choices and extra positionals", () => {
    expect(() => parseArgs(["--out"], opts)).toThrow(/--out needs a value/);
    expect(() => parseArgs(["--n", "five"], opts)).toThrow(/--n takes a number, not 'five'/);
    expect(() => parseArgs(["--n", ""], opts)).toThrow(/takes a number/);
    expect(() => parseArgs(["--mode", "c"], opts)).toThrow(/must be one of a\|b/);
    expect(() => parseArgs(["a", "b"], opts, [{ name: "x", description: "" }])).toThrow(/unexpected argument 'b'/);
    expect(() => parseArgs([], opts, [{ name: "x", description: "", required: true }])).toThrow(/missing argument X/);
  });
  it("reports --help without validating required arguments", () => {
    const r = parseArgs(["--help"], opts, [{ name: "x", description: "", required: true }]);
    expect(r.help).toBe(true);
  });
});

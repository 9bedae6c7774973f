import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import { declaredParams } from "../../lib/notebook/params";
import { SMALLER_SET, LARGER_SET } from "../../lib/studies/self-taught/study";

function params(file: string): Record<string, string> {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { cell_type: string; metadata: { tags?: string[] }; source: string[] }[] };
  const code = nb.cells.filter((c) => c.cell_type === "code");
  expect(code[0].metadata.tags).toContain("parameters");
  return Object.fromEntries(declaredParams(code[0].source.join("")).map((p) => [p.name, p.initializer]));
}

describe("self-taught notebooks", () => {
  it("smaller-set defaults are the paper's configuration, offline", () => {
    const p = params("notebooks/smaller-set.ipynb");
    expect(p).toMatchObject({ offline: "true", nTrain: String(SMALLER_SET.nTrain), nEval: String(SMALLER_SET.nEval), iterations: String(SMALLER_SET.iterations), evalPairs: '"fixed"' });
    expect(SMALLER_SET).toMatchObject({ nTrain: 200, nEval: 50, iterations: 4, lora: true, reported: [0.74, 0.86, 0.74, 0.72, 0.72], baseModel: "mistralai/Mixtral-8x7B-Instruct-v0.1" });
  });
  it("larger-set documents the real configuration and shrinks the offline default", () => {
    const p = params("notebooks/larger-set.ipynb");
    expect(p.offline).toBe("true");
    expect(LARGER_SET).toMatchObject({ nTrain: 600, nEval: 381, baseModel: "nvidia/Llama-3.1-Nemotron-70B-Instruct-HF" });
    const text = fs.readFileSync("notebooks/larger-set.ipynb", "utf8");
    expect(text).toContain("nTrain = 600");
    expect(text).toContain("nEval = 381");
    expect(Number(p.nTrain)).toBeLessThanOrEqual(LARGER_SET.nTrain);
  });
});

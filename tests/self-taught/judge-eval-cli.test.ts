import { expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeShared } from "../helpers/shared";
import { runCli, jsonLines } from "../helpers/cli";

describeShared("evalbook judge-eval (CLI)", "judge", (dir) => {
  it("llmbar: reproduces every statistics.json that has a result.json", async () => {
    const r = await runCli(["judge-eval", "--dataset", "llmbar", "--path", path.join(dir, "llmbar")]);
    expect(r.code).toBe(0);
    const out = jsonLines(r.stdout)[0] as { reproduced: { checked: number; matched: number }; judges: { accuracy: number; consistency: number }[] };
    expect(out.reproduced).toEqual({ checked: 34, matched: 34, mismatched: [] });
    expect(out.judges.every((j) => j.accuracy >= 0 && j.accuracy <= 1 && j.consistency >= 0)).toBe(true);
  });
  it("--verdicts scores a user's verdicts file against gold; bad rows name the line", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "je-"));
    const f = path.join(tmp, "v.jsonl");
    fs.writeFileSync(f, ['{"pairId":"llmbar/LLMBar/Natural#0","forward":1,"swapped":1}', '{"pairId":"llmbar/LLMBar/Natural#1","forward":null,"swapped":2}'].join("\n") + "\n");
    const sub = path.join(dir, "llmbar", "Dataset", "LLMBar", "Natural");
    const r = await runCli(["judge-eval", "--dataset", "llmbar", "--path", sub, "--verdicts", f]);
    expect(r.code, r.stderr).toBe(0);
    const o = jsonLines(r.stdout)[0] as { n: number; invalid: number; bothOrders: { n: number } };
    expect(o.n).toBe(2);
    expect(o.invalid).toBe(1);
    fs.writeFileSync(f, '{"pairId":"llmbar/LLMBar/Natural#0","forward":"A"}\n');
    const bad = await runCli(["judge-eval", "--dataset", "llmbar", "--path", sub, "--verdicts", f]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/v\.jsonl:1 field 'forward'/);
  });
  it("autoj and alpaca-eval print JSON", async () => {
    const a = await runCli(["judge-eval", "--dataset", "autoj", "--path", path.join(dir, "autoj"), "--scoring", "rewardbench"]);
    expect((jsonLines(a.stdout)[0] as { agreement: number }).agreement).toBeCloseTo(59.9856, 3);
    const b = await runCli(["judge-eval", "--dataset", "alpaca-eval", "--path", path.join(dir, "alpaca_eval", "results")]);
    expect((jsonLines(b.stdout)[0] as { annotations: unknown[] }).annotations.length).toBe(4);
  });
});

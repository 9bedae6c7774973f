import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli, jsonLines } from "../helpers/cli";
import { describeShared } from "../helpers/shared";

const base = (dir: string) => ["--offline", "--run-dir", dir, "--instructions", "builtin", "--n-train", "16", "--n-eval", "10", "--seed", "5"];

describe("evalbook self-taught (CLI, offline)", () => {
  it("runs the stages in order and resumes without new calls; loop prints one line per iteration", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "st-cli-"));
    for (const s of [["generate", "--split", "train"], ["worse", "--split", "train"], ["generate", "--split", "eval"], ["worse", "--split", "eval"]]) {
      const r = await runCli(["self-taught", ...s, ...base(dir)]);
      expect(r.code, r.stderr).toBe(0);
      expect(jsonLines(r.stdout)[0]).toMatchObject({ failed: 0, skipped: 0 });
    }
    const j = await runCli(["self-taught", "judge", "--split", "train", "--samples", "3", "--temperature", "0.7", ...base(dir)]);
    expect(jsonLines(j.stdout)[0]).toMatchObject({ stage: "train-judge", failed: 0 });
    const again = await runCli(["self-taught", "judge", "--split", "train", "--samples", "3", "--temperature", "0.7", ...base(dir)]);
    expect(jsonLines(again.stdout)[0]).toMatchObject({ done: (jsonLines(j.stdout)[0] as { done: number }).done, skipped: (jsonLines(j.stdout)[0] as { done: number }).done });
    const b = await runCli(["self-taught", "build-train", ...base(dir)]);
    expect(b.code, b.stderr).toBe(0);
    const bt = jsonLines(b.stdout)[0] as { rows: number; selectedA: number; selectedB: number; file: string };
    expect(bt.rows).toBe(2 * Math.min(bt.selectedA, bt.selectedB));
    expect(fs.readFileSync(bt.file, "utf8").trim().split("\n")).toHaveLength(bt.rows);
    const e = await runCli(["self-taught", "evaluate", "--both-orders", ...base(dir)]);
    const ev = jsonLines(e.stdout)[0] as { n: number; accuracy: number; ci: { lower: number; upper: number }; bothOrders: { consistency: number } };
    expect(ev.n).toBeGreaterThan(5);
    expect(ev.ci.lower).toBeLessThanOrEqual(ev.accuracy);
    expect(ev.bothOrders.consistency).toBeGreaterThanOrEqual(0);
    const f = await runCli(["self-taught", "finetune", "--file", bt.file, ...base(dir)]);
    expect(f.code, f.stderr).toBe(0);
    expect((jsonLines(f.stdout)[0] as { outputName: string }).outputName).toMatch(/^simulated\/self-taught\?.*ft=/);
    // a different split for the same run directory is refused
    const bad = await runCli(["self-taught", "generate", "--offline", "--run-dir", dir, "--instructions", "builtin", "--n-train", "17", "--n-eval", "10", "--seed", "5"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/another split/);
    const loopDir = fs.mkdtempSync(path.join(os.tmpdir(), "st-cli-loop-"));
    const l = await runCli(["self-taught", "loop", "--iterations", "1", ...base(loopDir)]);
    expect(l.code, l.stderr).toBe(0);
    expect(jsonLines(l.stdout).map((x) => (x as { iteration: number }).iteration)).toEqual([0, 1]);
  }, 240_000);
});

describeShared("evalbook self-taught judge-real (CLI, offline, real LLMBar pairs)", "judge/llmbar", (dir) => {
  it("judges the pairs, writes verdicts that judge-eval scores identically", async () => {
    const run = fs.mkdtempSync(path.join(os.tmpdir(), "st-real-"));
    const sub = path.join(dir, "Dataset", "LLMBar", "Natural");
    const r = await runCli(["self-taught", "judge-real", "--offline", "--run-dir", run, "--dataset", "llmbar", "--path", sub, "--limit", "30"]);
    expect(r.code, r.stderr).toBe(0);
    const o = jsonLines(r.stdout)[0] as { n: number; accuracy: number; verdictsFile: string; bothOrders: { consistency: number } };
    expect(o.n).toBe(30);
    const e = await runCli(["judge-eval", "--dataset", "llmbar", "--path", sub, "--verdicts", o.verdictsFile]);
    const s = jsonLines(e.stdout)[0] as { n: number; accuracy: number; bothOrders: { consistency: number } };
    expect(s.n).toBe(30);
    expect(s.accuracy).toBe(o.accuracy);
    expect(s.bothOrders.consistency).toBe(o.bothOrders.consistency);
  }, 120_000);
});

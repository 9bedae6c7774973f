import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { jsonLines, runCli } from "../helpers/cli";
import { describeShared } from "../helpers/shared";
import { findOriginalRuns, groupOriginalRuns } from "../../lib/studies/skill-mix/importer";
import { sampleCombinations } from "../../lib/studies/skill-mix/sampling";
import { loadSkills, loadTopics } from "../../lib/data/skillmix/index";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "skillmix-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("evalbook skill-mix (offline)", () => {
  it("sample prints one combination per line with the default lists", async () => {
    const r = await runCli(["skill-mix", "sample", "--k", "3", "--seed", "4", "--n", "6", "--exp-path", "demo"]);
    expect(r.code).toBe(0);
    const rows = jsonLines(r.stdout) as { index: number; topic: string; skills: string[] }[];
    expect(rows.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const x of rows) expect(x.skills).toHaveLength(3);
    expect(r.stderr).toMatch(/left out 'buoyancy' \(status in review, line 16\)/);
  });
  it("bad input is one line and exit 2/1", async () => {
    const a = await runCli(["skill-mix", "sample", "--k", "0"]);
    expect(a.code).toBe(2);
    expect(a.stderr.trim().split("\n").pop()).toMatch(/^evalbook: --k takes an integer >= 1/);
    const b = await runCli(["skill-mix", "sample", "--k", "2", "--skills", path.join(tmp, "none.csv")]);
    expect(b.code).toBe(1);
    expect(b.stderr.trim()).toMatch(/none\.csv: file not found/);
    const c = await runCli(["skill-mix", "aggregate", "--k", "3", "--runs", tmp]);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/no Skill-Mix runs found/);
  });
  it("run --offline writes the original layout, which aggregate reads back to the same metrics", async () => {
    const out = path.join(tmp, "exp");
    const r = await runCli(["skill-mix", "run", "--offline", "--out", out, "--k", "2,4", "--n", "6", "--generation-rounds", "2", "--grading-rounds", "3"]);
    expect(r.code, r.stderr).toBe(0);
    const res = jsonLines(r.stdout) as { k: number; n: number; simulated: boolean; metrics: Record<string, { mean: number; se: number }> }[];
    expect(res.map((x) => [x.k, x.n, x.simulated])).toEqual([[2, 6, true], [4, 6, true]]);
    expect(fs.existsSync(path.join(out, "k2_s10_vevalbook_r1"))).toBe(true);
    const runs = findOriginalRuns(out);
    expect(runs).toHaveLength(4);
    expect(groupOriginalRuns(runs).every((g) => !g.identicalGradingRounds)).toBe(true);
    const a = await runCli(["skill-mix", "aggregate", "--runs", out, "--k", "2,4"]);
    expect(a.code, a.stderr).toBe(0);
    const agg = jsonLines(a.stdout) as { k: number; metrics: Record<string, { mean: number; se: number }> }[];
    for (const x of res) {
      const y = agg.find((z) => z.k === x.k)!;
      for (const m of ["full_marks", "all_skills", "skill_fraction"]) {
        expect(y.metrics[m].mean).toBeCloseTo(x.metrics[m].mean, 12);
        expect(y.metrics[m].se ?? NaN).toBeCloseTo(x.metrics[m].se ?? NaN, 12);
      }
    }
    // Re-running resumes from the run records: the same numbers, no new generations.
    const again = await runCli(["skill-mix", "run", "--offline", "--out", out, "--k", "2,4", "--n", "6", "--generation-rounds", "2", "--grading-rounds", "3"]);
    expect(jsonLines(again.stdout)).toEqual(res);
    const buggy = path.join(tmp, "bug");
    const b = await runCli(["skill-mix", "run", "--offline", "--out", buggy, "--k", "3", "--n", "4", "--generation-rounds", "1", "--reproduce-shared-record-bug"]);
    expect(b.code, b.stderr).toBe(0);
    expect(groupOriginalRuns(findOriginalRuns(buggy))[0].identicalGradingRounds).toBe(true);
  });
});

describeShared("evalbook skill-mix on the released data", "skillmix", (dir) => {
  it("sample reproduces the released k=3 seed=10 combinations", async () => {
    const r = await runCli(["skill-mix", "sample", "--skills", path.join(dir, "skills.csv"), "--topics", path.join(dir, "topics.txt"), "--k", "3", "--seed", "10", "--n", "5", "--exp-path", "test"]);
    const rows = jsonLines(r.stdout) as { topic: string; skills: string[] }[];
    expect(rows[0]).toEqual({ index: 0, topic: "Sewing", skills: ["spatial reasoning", "complex question (loaded question with implicit assumption )", "statistical syllogism"] });
    expect(rows.map((x) => x.topic)).toEqual(["Sewing", "Beekeeping", "Gardening", "Triathlons", "Urbanism"]);
  });
  it("run --prompts original --offline uses the original templates, rubric and system prompt", async () => {
    const out = path.join(tmp, "orig");
    const r = await runCli(["skill-mix", "run", "--offline", "--out", out, "--prompts", "original", "--original-generation", path.join(dir, "prompts", "generation", "default.json"), "--original-grading", path.join(dir, "prompts", "grade", "gpt.json"), "--skills", path.join(dir, "skills.csv"), "--topics", path.join(dir, "topics.txt"), "--k", "3", "--n", "2", "--generation-rounds", "1", "--grading-rounds", "1"]);
    expect(r.code, r.stderr).toBe(0);
    const [run] = findOriginalRuns(path.join(out, "k3_s10_vdefault_r1"));
    // Two combinations: the topics differ from the 5-combination runs (the topic shuffles follow all skill shuffles).
    const combs = sampleCombinations(loadSkills(path.join(dir, "skills.csv")).skills.map((s) => s.name), loadTopics(path.join(dir, "topics.txt")), { k: 3, seed: 10, numCombinations: 2, expPath: "test" });
    expect(run.generations.map((g) => [g.topic, g.skills])).toEqual(combs.map((c) => [c.topic, c.skills]));
    expect(run.generations[0].turns[0].prompt).toMatch(/^Greetings! I am interested in natural language processing/);
    const g = run.gradings[0];
    expect([g.grader, g.column, g.gradingRound, g.gradingVersion]).toEqual(["simulated_skill-mix_quality_0.9", "text_1", 1, "gpt"]);
    expect(g.records[0].prompt).toContain("The criteria are: Correctly illustrates spatial reasoning, ");
    const csv = fs.readFileSync(path.join(out, "k3_s10_vdefault_r1", run.model, "records.csv"), "utf8");
    expect(csv).toContain(",You are a helpful assistant.,");
  });
  it("aggregate prints mean and standard error per model for the Kith07 runs", async () => {
    const r = await runCli(["skill-mix", "aggregate", "--runs", path.join(dir, "skillmix_kith07", "test"), "--k", "2,3,4,5,6", "--model", "gpt-4"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = jsonLines(r.stdout) as { k: number; seed: number; metrics: Record<string, { mean: number; se: number }> }[];
    expect(rows.map((x) => [x.k, x.seed])).toEqual([[2, 10], [3, 10], [3, 42], [4, 10], [5, 10], [6, 10]]);
    expect(rows[0].metrics.full_marks.mean).toBeCloseTo(0.8);
    expect(rows[0].metrics.full_marks.se).toBeCloseTo(0.2);
    expect(r.stderr).toMatch(/shared-record bug/);
  });
});

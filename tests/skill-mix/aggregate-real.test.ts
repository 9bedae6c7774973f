import * as path from "node:path";
import { expect, it } from "vitest";
import { describeShared } from "../helpers/shared";
import { readJson } from "../../lib/io/json";
import { findOriginalRuns, groupOriginalRuns } from "../../lib/studies/skill-mix/importer";
import { aggregateSkillMix } from "../../lib/studies/skill-mix/aggregate";
import { METRICS, type MetricName } from "../../lib/studies/skill-mix/metrics";

interface RefGroup {
  tree: "leoyu" | "kith07";
  model: string;
  k: number;
  seed: number;
  variant: "plain" | "explicit" | "no-red-herring";
  generation_rounds: number[];
  metrics: Record<string, { mean: number; se: number; n: number }>;
}
const ref = readJson<{ groups: RefGroup[] }>(path.join("tests", "fixtures", "skill-mix", "aggregate_reference.json"), { allowNaN: true });

describeShared("skill-mix aggregation matches the original (numpy) on the released gradings", "skillmix", (dir) => {
  const groups = {
    leoyu: groupOriginalRuns(findOriginalRuns(path.join(dir, "test"))),
    kith07: groupOriginalRuns(findOriginalRuns(path.join(dir, "skillmix_kith07", "test"))),
  };
  it("has reference values for every complete group", () => expect(ref.groups.length).toBe(42));
  for (const g of ref.groups) {
    it(g.tree + " " + g.model + " k=" + g.k + " s=" + g.seed + " " + g.variant, () => {
      const grp = groups[g.tree].find((x) => x.model === g.model && x.k === g.k && x.seed === g.seed);
      expect(grp).toBeDefined();
      const res = aggregateSkillMix(grp!.items, { k: g.k, filterExplicitName: g.variant === "explicit", filterSkills: g.variant === "no-red-herring" ? ["red herring"] : [], incomplete: "error" });
      expect(res.generationRounds).toEqual(g.generation_rounds);
      for (const [name, orig] of Object.entries(METRICS)) {
        const want = g.metrics[orig];
        if (!want) continue;
        const got = res.metrics[name as MetricName]!;
        expect(got.n).toBe(want.n);
        expect(got.mean).toBeCloseTo(want.mean, 6);
        if (Number.isNaN(want.se)) expect(got.se).toBeNaN();
        else expect(got.se).toBeCloseTo(want.se, 6);
      }
    });
  }
  it("flags the shared-record bug: the three grading rounds of every released run are identical", () => {
    for (const grp of [...groups.leoyu, ...groups.kith07]) expect(grp.identicalGradingRounds).toBe(true);
  });
  it("handles the incomplete llama2 runs (r3 graded only 2 of 5) per option", () => {
    const llama = groups.leoyu.find((x) => x.model === "llama2-7b-chat")!;
    expect(() => aggregateSkillMix(llama.items, { k: 3, incomplete: "error" })).toThrow(/incomplete gradings/);
    const common = aggregateSkillMix(llama.items, { k: 3, incomplete: "common" });
    expect(common.combinations).toEqual([0, 1]);
    const avail = aggregateSkillMix(llama.items, { k: 3 });
    expect(avail.combinations).toEqual([0, 1, 2, 3, 4]);
    expect(avail.notes.join(" ")).toMatch(/generation round 3, grading round 1: combinations 2, 3, 4 not graded/);
  });
});

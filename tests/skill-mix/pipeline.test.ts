import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOfflineLLM, type OfflineLLM } from "../../lib/llm/index";
import * as sm from "../../lib/studies/skill-mix/index";

const skills = sm.loadSkills("data/skill-mix/skills.csv").skills;
const topics = sm.loadTopics("data/skill-mix/topics.txt");
const dict = sm.skillsByName(skills);

describe("skill-mix pipeline on the offline simulated models", () => {
  let off: OfflineLLM;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "skillmix-"));
    off = await startOfflineLLM({ roles: { student: "simulated/skill-mix?ability=0.9&decay=0.1", grader: "simulated/skill-mix?quality=0.85" }, runDir: dir });
  });
  afterAll(async () => {
    await off.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs two turns in one conversation and extracts the answer", async () => {
    const [comb] = sm.sampleCombinations(skills.map((s) => s.name), topics, { k: 3, seed: 1, numCombinations: 1, expPath: "test" });
    const g = await sm.generateOne(off.llm, comb, 1, { prompts: sm.evalbookPrompts(), skills: dict });
    expect(g.turns).toHaveLength(2);
    expect(g.turns[0].prompt).toContain(comb.topic);
    expect(g.turns[0].prompt).toContain(comb.skills.join(", "));
    expect(g.turns[1].prompt).toContain("no longer than two sentences");
    expect(g.answer).toBe(sm.extractAnswer(g.turns[1].reply));
    expect(g.answer).not.toMatch(/Answer:|Explanation/);
    expect(g.simulated).toBe(true);
    const reqs = off.server.requests.filter((r) => r.path.endsWith("/chat/completions"));
    const last = reqs[reqs.length - 1].body as { messages: { role: string; content: string }[] };
    expect(last.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  });

  it("grades in n rounds, each its own sample; the bug option saves the last sample for all", async () => {
    const combs = sm.sampleCombinations(skills.map((s) => s.name), topics, { k: 4, seed: 2, numCombinations: 6, expPath: "test" });
    const opts = { prompts: sm.evalbookPrompts(), skills: dict };
    let differ = 0;
    for (const c of combs) {
      const g = await sm.generateOne(off.llm, c, 1, opts);
      const fixed = await sm.gradeOne(off.llm, g, { ...opts, rounds: 3 });
      expect(fixed.map((r) => r.gradingRound)).toEqual([1, 2, 3]);
      expect(fixed[0].sentenceCount).toBe(sm.countSentences(g.answer));
      if (new Set(fixed.map((r) => r.response)).size > 1) differ++;
      const buggy = await sm.gradeOne(off.llm, g, { ...opts, rounds: 3, reproduceSharedRecordBug: true });
      expect(buggy.map((r) => r.response)).toEqual([fixed[2].response, fixed[2].response, fixed[2].response]);
      for (const r of fixed) if (r.parsed.issues.length === 0 && r.parsed.points.length) expect(r.parsed.points).toHaveLength(4 + 3);
    }
    expect(differ).toBeGreaterThan(0);
  });

  it("the line-based grading format round-trips", async () => {
    const prompts = sm.evalbookPrompts("lines");
    const [comb] = sm.sampleCombinations(skills.map((s) => s.name), topics, { k: 2, seed: 5, numCombinations: 1, expPath: "test" });
    const g = await sm.generateOne(off.llm, comb, 1, { prompts, skills: dict });
    const [r] = await sm.gradeOne(off.llm, g, { prompts, skills: dict, rounds: 1 });
    expect(r.prompt).toContain("Point earned: 1");
    expect(r.response).toMatch(/Grade: \d/);
    if (!/decent overall/.test(r.response)) expect(r.parsed.points).toHaveLength(5);
  });

  it("runs the study resumably and aggregates; harder with more skills", async () => {
    const cfg = { llm: off.llm, runDir: dir, skills, topics, ks: [2, 5], seed: 10, numCombinations: 12, expPath: "test", generationRounds: 2, gradingRounds: 3, prompts: sm.evalbookPrompts(), progress: false as const };
    const res = await sm.runSkillMixStudy(cfg);
    expect(res.map((r) => r.k)).toEqual([2, 5]);
    for (const r of res) {
      expect(r.failed).toEqual([]);
      expect(r.generations).toHaveLength(24);
      expect(r.gradings).toHaveLength(72);
      expect(r.result.combinations).toHaveLength(12);
      expect(r.result.generationRounds).toEqual([1, 2]);
      expect(r.result.gradingRounds).toEqual([1, 2, 3]);
    }
    expect(res[0].result.metrics.full_marks!.mean).toBeGreaterThan(res[1].result.metrics.full_marks!.mean);
    const before = off.server.requests.length;
    const again = await sm.runSkillMixStudy(cfg);
    expect(off.server.requests.length).toBe(before);
    expect(again.map((r) => r.result.metrics)).toEqual(res.map((r) => r.result.metrics));
    expect(fs.existsSync(path.join(dir, "k2_s10-generate.jsonl"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "k5_s10-grade.jsonl"))).toBe(true);
  });
});

describe("skill-mix simulator", () => {
  it("reads skills and topics from both our prompts and the original ones", () => {
    const msgs = sm.generationMessages(sm.evalbookPrompts(), ["metaphor", "modus ponens"], "Sailing", dict);
    expect(sm.skillsInPrompt(msgs[0]).map((s) => s.name)).toEqual(["metaphor", "modus ponens"]);
    const reply = sm.skillMixSimulator.chat!([{ role: "user", content: msgs[0] }], { model: "simulated/skill-mix?ability=1&decay=0&name=0", name: "skill-mix", params: { ability: "1", decay: "0", name: "0" }, rng: { random: () => 0.5, int: () => 0, normal: () => 0, shuffle: (a) => a, pick: (a) => a[0] }, choiceIndex: 0, temperature: 0.7 });
    const answer = sm.extractAnswer(reply);
    for (const s of ["metaphor", "modus ponens"]) for (const w of sm.cueWords(dict.get(s)!.definition)) expect(answer).toContain(w);
    expect(answer.toLowerCase()).toContain("sailing");
  });
  it("rejects out-of-range parameters", () => {
    const msgs = sm.generationMessages(sm.evalbookPrompts(), ["metaphor"], "Sailing", dict);
    expect(() => sm.skillMixSimulator.chat!([{ role: "user", content: msgs[0] }], { model: "m", name: "skill-mix", params: { ability: "2" }, rng: { random: () => 0.5, int: () => 0, normal: () => 0, shuffle: (a) => a, pick: (a) => a[0] }, choiceIndex: 0, temperature: 1 })).toThrow(/ability=2 outside/);
  });
});

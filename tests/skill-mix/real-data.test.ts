import * as path from "node:path";
import { expect, it } from "vitest";
import { describeShared } from "../helpers/shared";
import { loadSkills, loadTopics, skillsByName } from "../../lib/data/skillmix/index";
import { findOriginalRuns, type OriginalRun } from "../../lib/studies/skill-mix/importer";
import { sampleCombinations } from "../../lib/studies/skill-mix/sampling";
import { parseGradingLines, parseGradingTable } from "../../lib/studies/skill-mix/grading-table";
import { countSentences } from "../../lib/studies/skill-mix/sentences";
import { extractAnswer } from "../../lib/studies/skill-mix/answer";
import { generationMessages, gradingMessage, originalPrompts } from "../../lib/studies/skill-mix/prompts";
import { sentenceLimit } from "../../lib/studies/skill-mix/number-words";

describeShared("skill-mix on the released runs", "skillmix", (dir) => {
  const skills = loadSkills(path.join(dir, "skills.csv"));
  const dict = skillsByName(skills.skills);
  const topics = loadTopics(path.join(dir, "topics.txt"));
  const gen = path.join(dir, "prompts", "generation", "default.json");
  const trees: [string, string][] = [
    ["LeoYu test/", path.join(dir, "test")],
    ["Kith07 test/", path.join(dir, "skillmix_kith07", "test")],
  ];
  const runs: [string, OriginalRun][] = trees.flatMap(([label, root]) => findOriginalRuns(root).map((r) => [label, r] as [string, OriginalRun]));

  it("loads the released skills and topics", () => {
    expect(skills.skills.map((s) => s.name)).toContain("complex question (loaded question with implicit assumption )");
    expect(skills.skills).toHaveLength(10);
    expect(skills.excluded).toEqual([]);
    expect(topics).toHaveLength(10);
  });

  it("finds every run of both trees (24 generation files, 72 graded files)", () => {
    expect(runs.length).toBe(6 + 36);
    expect(runs.reduce((n, [, r]) => n + r.gradings.length, 0)).toBe(18 + 108);
  });

  // The acceptance test: the sampler reproduces every recorded combination, topic and skill order.
  for (const [label, run] of runs) {
    const name = label + path.basename(path.dirname(run.dir)) + "/" + run.model;
    it("sampling reproduces " + name, () => {
      expect(run.generations.length).toBeGreaterThan(0);
      const combs = sampleCombinations(skills.skills.map((s) => s.name), topics, { k: run.k, seed: run.seed, numCombinations: run.generations.length, expPath: "test" });
      expect(combs.map((c) => [c.topic, c.skills])).toEqual(run.generations.map((g) => [g.topic, g.skills]));
      for (const g of run.gradings) for (const r of g.records) expect([r.topic, r.skills]).toEqual([combs[r.index].topic, combs[r.index].skills]);
    });
  }

  it("answer extraction and generation prompts reproduce every recorded turn", () => {
    const prompts = originalPrompts(gen, path.join(dir, "prompts", "grade", "gpt.json"));
    let n = 0;
    for (const [, run] of runs) {
      for (const g of run.generations) {
        const msgs = generationMessages(prompts, g.skills, g.topic, dict);
        g.turns.forEach((t, i) => {
          expect(extractAnswer(t.reply)).toBe(t.text);
          expect(msgs[i]).toBe(t.prompt);
          n++;
        });
      }
    }
    expect(n).toBe(2 * 5 * 42);
  });

  it("grading parsers, sentence counter and grading prompts reproduce every recorded grading", () => {
    const gpt = originalPrompts(gen, path.join(dir, "prompts", "grade", "gpt.json"));
    const gptCp1252 = originalPrompts(gen, path.join(dir, "prompts", "grade", "gpt.json"), { templateEncoding: "windows-1252" });
    // The llama-era gradings: llama.json with an empty rubric, parsed line by line.
    const llama = originalPrompts(gen, path.join(dir, "prompts", "grade", "llama.json"), { emptyRubric: true });
    // The mistral gradings: llama.json with the gpt rubric, parsed as a table (GPT-4 answered line by line, so no points).
    const mistral = originalPrompts(gen, path.join(dir, "prompts", "grade", "llama.json"), { rubric: "gpt", format: "table" });
    const counts = { table: 0, lines: 0, kith: 0 };
    for (const [label, run] of runs) {
      for (const g of run.gradings) {
        for (const r of g.records) {
          const answer = run.generations[r.index].turns[1].text as string;
          const lines = r.prompt.includes("following criteria: . ");
          const parsed = lines ? parseGradingLines(r.response) : parseGradingTable(r.response);
          expect(parsed.points).toEqual(r.points);
          expect(parsed.score).toBe(r.score);
          if (!lines) expect(parsed.issues).toEqual([]);
          expect(countSentences(answer)).toBe(r.sentenceCount);
          expect(r.sentenceLimitPoint).toBe(r.sentenceCount <= sentenceLimit(run.k) ? 1 : 0);
          const prompts = lines ? llama : run.model === "mistral-7b-chat" ? mistral : label.startsWith("Kith07") ? gptCp1252 : gpt;
          expect(prompts.gradingFormat).toBe(lines ? "lines" : "table");
          expect(gradingMessage(prompts, r.skills, r.topic, answer, dict)).toBe(r.prompt);
          counts[lines ? "lines" : "table"]++;
          if (label.startsWith("Kith07")) counts.kith++;
        }
      }
    }
    expect(counts).toEqual({ table: 30 + 3 + 540, lines: 36, kith: 540 });
  });
});

import { describe, expect, it } from "vitest";
import * as sm from "../../lib/studies/skill-mix/index";
import { InputError } from "../../lib/util/errors";

describe("skills and topics loaders", () => {
  const csv = 'category,skill,definition,example,comments,status,added by\nr, red herring ,Def one.,"Ex, one",c,keep,me\nr,gone,D,E,,remove,\nr,later,D,E,,in review,\nr,maybe not,D,E,,maybe,\nr,kept,"multi\nline",E,,Maybe,\n';
  it("drops remove / in review / maybe (exact match), strips names, keeps order and reports exclusions", () => {
    const l = sm.parseSkills(csv, "s.csv");
    expect(l.skills.map((s) => s.name)).toEqual(["red herring", "kept"]);
    expect(l.skills[1].definition).toBe("multi\nline");
    expect(l.excluded.map((e) => [e.name, e.status, e.line])).toEqual([["gone", "remove", 3], ["later", "in review", 4], ["maybe not", "maybe", 5]]);
  });
  it("duplicate names are an InputError naming the line, or last-wins as the original", () => {
    const dup = "skill,definition,example,status\na,1,x,\nb,2,y,\na,3,z,\n";
    expect(() => sm.parseSkills(dup, "d.csv")).toThrow(/d\.csv:4 field 'skill': duplicate skill 'a' \(first on line 2\)/);
    const l = sm.parseSkills(dup, "d.csv", { duplicates: "last-wins" });
    expect(l.skills.map((s) => [s.name, s.definition])).toEqual([["a", "3"], ["b", "2"]]);
  });
  it("missing columns and empty names are InputErrors", () => {
    expect(() => sm.parseSkills("skill,definition\na,b\n", "m.csv")).toThrow(InputError);
    expect(() => sm.parseSkills("skill,definition,example,status\n  ,d,e,\n", "e.csv")).toThrow(/e\.csv:2 field 'skill': empty skill name/);
  });
  it("topics: one per line, empty lines dropped, CRLF handled, nothing stripped", () => {
    expect(sm.parseTopics("Sewing\r\n\r\n Knots \nGardening")).toEqual(["Sewing", " Knots ", "Gardening"]);
  });
  it("our offline default list loads", () => {
    const l = sm.loadSkills("data/skill-mix/skills.csv");
    expect(l.skills.length).toBe(14);
    expect(l.excluded.map((e) => e.name)).toEqual(["buoyancy"]);
    expect(sm.loadTopics("data/skill-mix/topics.txt").length).toBe(12);
    for (const s of l.skills) expect(sm.cueWords(s.definition)).toHaveLength(2);
  });
});

describe("sampling", () => {
  const skills = ["a", "b", "c", "d", "e", "f"];
  const topics = ["T1", "T2", "T3"];
  it("is deterministic and returns k skills per combination", () => {
    const a = sm.sampleCombinations(skills, topics, { k: 3, seed: 7, numCombinations: 4, expPath: "x" });
    expect(a).toEqual(sm.sampleCombinations(skills, topics, { k: 3, seed: 7, numCombinations: 4, expPath: "x" }));
    expect(a.map((c) => c.skills.length)).toEqual([3, 3, 3, 3]);
    expect(a.map((c) => c.index)).toEqual([0, 1, 2, 3]);
  });
  it("the skill order depends on the experiment path, the combination set on the seed only", () => {
    const a = sm.sampleCombinations(skills, topics, { k: 3, seed: 7, numCombinations: 6, expPath: "x" });
    const b = sm.sampleCombinations(skills, topics, { k: 3, seed: 7, numCombinations: 6, expPath: "y" });
    expect(a.map((c) => [...c.skills].sort())).toEqual(b.map((c) => [...c.skills].sort()));
    expect(a.map((c) => c.topic)).toEqual(b.map((c) => c.topic));
    expect(a.map((c) => c.skills)).not.toEqual(b.map((c) => c.skills));
  });
  it("all-subsets mode enumerates sorted combinations (code-point order)", () => {
    expect(sm.sortedCombinations(["b", "a", "c"], 2)).toEqual([["a", "c"], ["b", "a"], ["b", "c"]]);
    const all = sm.sampleCombinations(skills, topics, { k: 2, seed: 1, numCombinations: -1, expPath: "x" });
    expect(all).toHaveLength(15);
  });
  it("numTopics and fixTopics", () => {
    const t = sm.sampleCombinations(skills, topics, { k: 2, seed: 3, numCombinations: 2, expPath: "x", numTopics: 2 });
    expect(t.map((c) => [c.index, c.topicIndex])).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const f = sm.sampleCombinations(skills, topics, { k: 2, seed: 3, numCombinations: 3, expPath: "x", fixTopics: true });
    expect(new Set(f.map((c) => c.topic)).size).toBe(1);
  });
  it("rejects impossible requests", () => {
    expect(() => sm.sampleCombinations(skills, topics, { k: 7, seed: 1, numCombinations: 1, expPath: "x" })).toThrow(/larger than the number of skills/);
    expect(() => sm.sampleCombinations(skills, [], { k: 2, seed: 1, numCombinations: 1, expPath: "x" })).toThrow(/topic list is empty/);
  });
});

describe("number words and sentence limits", () => {
  it("writes numbers as inflect does", () => {
    expect([0, 1, 2, 13, 21, 40, 99, 100, 105, 342].map(sm.numberToWords)).toEqual(["zero", "one", "two", "thirteen", "twenty-one", "forty", "ninety-nine", "one hundred", "one hundred and five", "three hundred and forty-two"]);
    expect(sm.numberToWords(1005)).toBe("one thousand and five");
    expect(sm.numberToWords(2300)).toBe("two thousand, three hundred");
  });
  it("limit max(1, k-1), singular for one", () => {
    expect([1, 2, 3, 6].map(sm.sentenceLimit)).toEqual([1, 1, 2, 5]);
    expect(sm.sentencesInWords(1)).toBe("one sentence");
    expect(sm.sentencesInWords(2)).toBe("two sentences");
  });
});

describe("answer extraction and sentence counting", () => {
  it("takes the text after the last Answer: up to Explanation", () => {
    expect(sm.extractAnswer("Answer: draft\nAnswer:  final text \n\nExplanation: why")).toBe("final text");
    expect(sm.extractAnswer("no marker here. Explanations follow")).toBe("no marker here.");
    expect(sm.extractQuotedFirstLine('Sure! "Line one\nline two" done')).toBe("Line one");
  });
  it("counts like the original, including its quirks", () => {
    expect(sm.countSentences("One. Two! Three?")).toBe(3);
    expect(sm.countSentences("Mr. Smith met Dr. Who. They talked.")).toBe(2);
    expect(sm.countSentences('He said "Go." "Now" Then.')).toBe(2);
    expect(sm.countSentences("Two spaces.  Not split.")).toBe(1);
    expect(sm.countSentences("lower. case follows")).toBe(1);
    expect(sm.countSentences("The Dry Season came. It rained.")).toBe(2);
    expect(sm.countSentences("It was Dry. Rain came.")).toBe(2);
    expect(sm.countSentences("")).toBe(1);
  });
  it("the title pattern's '.' matches any character, as in the original regex", () => {
    // "Drs Xavier": 'Dr. ' matches "Drs " (any character), gluing the words: no split after "once."
    expect(sm.countSentences("He met Drs Xavier once. Dr. Y left.")).toBe(2);
    expect(sm.countSentences("Call Mrx Bond. Now.")).toBe(2);
  });
});

describe("grading parsers", () => {
  const table = "Intro\nHere's the grading table:\n\n| Criteria | Points Earned |\n|---|---|\n| Correctly illustrates A | 1 |\n| Correctly illustrates B | 0/1 |\n| Pertains to X | 1 point |\n| Text makes sense | |\n| At most two sentences | 1 |\n| Total Points Earned | 3/5 |\n\nExplanation: | not | a | row |";
  it("parses the table like the original create_output_dict", () => {
    const p = sm.parseGradingTable(table);
    expect(p.points).toEqual([1, 0, 1, 1]);
    expect(p.criteria.map((c) => c.criterion)).toEqual(["correctly illustrates a", "correctly illustrates b", "pertains to x", "at most two sentences"]);
    expect(p.score).toBe(3);
    expect(p.extractedScore).toBe(3);
    // The empty "Text makes sense" cell: the original raises IndexError here; we skip the row and say so.
    expect(p.issues).toEqual(['row without a points cell: "| Text makes sense | |"']);
    expect(sm.parseGradingTable(table.replace("| Text makes sense | |\n", "")).issues).toEqual([]);
  });
  it("duplicate criteria keep the first position and the last value; 'score' keys are dropped from points", () => {
    const p = sm.parseGradingTable("| a | 1 |\n| b | 0 |\n| a | 0 |\n| my score | 1 |\n| total | 2 |\n| grand total | 4 |");
    expect(p.criteria.map((c) => [c.criterion, c.points])).toEqual([["a", 0], ["b", 0], ["my score", 1]]);
    expect(p.points).toEqual([0, 0]);
    expect(p.score).toBe(4);
  });
  it("reports rows the original would crash on instead of crashing", () => {
    const p = sm.parseGradingTable("| lonely cell |\n| a | 1.2.3 |\n| b | 1 |");
    expect(p.points).toEqual([1]);
    expect(p.issues).toHaveLength(2);
    expect(sm.parseGradingTable("no table at all").points).toEqual([]);
  });
  it("numerators as extract_numerator", () => {
    expect(sm.extractNumerator(" 1/1 ")).toBe(1);
    expect(sm.extractNumerator("0.5")).toBe(0.5);
    expect(sm.extractNumerator("1 (of 1)")).toBe(11);
    expect(sm.extractNumerator("n/a")).toBeUndefined();
    expect(sm.extractNumerator("none")).toBe("");
  });
  it("parses the line format (Point earned / Grade)", () => {
    const p = sm.parseGradingLines("A: ok\nPoint earned: 1\nB: no\nPOINT EARNED: 0/1\nC\nPoint earned: 1.\nGrade: 2.");
    expect(p.points).toEqual([1, 0, 1]);
    expect(p.score).toBe(2);
    // As the original: the text after a marker is stripped first, so an empty marker reads the next line ("point" -> 0).
    const q = sm.parseGradingLines("Point earned:\nPoint earned: x\nno grade but 7 points");
    expect(q.points).toEqual([0, 0]);
    expect(q.score).toBe(7);
    const e = sm.parseGradingLines("Point earned: 1\nPoint earned:");
    expect(e.points).toEqual([1]);
    expect(e.issues).toHaveLength(1);
  });
});

describe("python string helpers", () => {
  it("pyStrip uses Python's whitespace set", () => {
    expect(sm.pyStrip("\x1c a \u3000")).toBe("a");
    expect(sm.pyStrip("\ufeffa")).toBe("\ufeffa");
  });
  it("pyFloat accepts Python's float syntax only", () => {
    expect(["1", "1.", ".5", " 2 ", "1_0", "1e3", "-inf"].map(sm.pyFloat)).toEqual([1, 1, 0.5, 2, 10, 1000, -Infinity]);
    expect(["", ".", "1.2.3", "1__0", "0x10"].map(sm.pyFloat)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
  it("pyFormat: named fields, escapes, KeyError, extras ignored", () => {
    expect(sm.pyFormat("{a} {{b}} {a}", { a: 1, z: 2 })).toBe("1 {b} 1");
    expect(() => sm.pyFormat("{missing}", {})).toThrow(/no value for field/);
    expect(() => sm.pyFormat("{0}", {})).toThrow(/unsupported/);
  });
  it("utf8AsCp1252 reproduces Windows mojibake", () => {
    expect(sm.utf8AsCp1252("I’ll café")).toBe("Iâ€™ll cafÃ©");
  });
});

describe("points and metrics", () => {
  it("pads, truncates and votes with round half to even", () => {
    expect(sm.normalizePoints([], 2)).toEqual([0, 0, 0, 0, 0]);
    expect(sm.normalizePoints([1, 1, 1, 1, 1, 1, 1], 2)).toEqual([1, 1, 1, 1, 1]);
    expect(sm.normalizePoints([1], 2)).toEqual([1, 0, 0, 0, 0]);
    expect([0.5, 1.5, 2.5, 0.49, 0.51].map(sm.roundHalfEven)).toEqual([0, 2, 2, 0, 1]);
    expect(sm.votePoints([[1, 0], [0, 0]])).toEqual([0, 0]);
    expect(sm.votePoints([[1, 0], [1, 1], [0, 1]])).toEqual([1, 1]);
  });
  it("explicit-name filter uses the name before '('", () => {
    expect(sm.filterExplicitNames([1, 1, 1, 1, 1], ["red herring", "folk physics (common knowledge physics)"], "A RED HERRING and folk physics")).toEqual([0, 0, 1, 1, 1]);
  });
  it("metrics on k = 3", () => {
    const m = (p: number[], name: sm.MetricName) => sm.metricValue(name, p, 3);
    expect(m([1, 1, 1, 1, 1, 1], "full_marks")).toBe(1);
    expect(m([1, 1, 1, 1, 0, 1], "full_marks")).toBe(0);
    expect(m([1, 1, 1, 1, 0, 1], "all_skills")).toBe(1);
    expect(m([1, 1, 1, 0, 0, 1], "all_skills")).toBe(0);
    expect(m([1, 1, 0, 1, 1, 1], "skill_fraction")).toBeCloseTo(2 / 3);
    expect(m([1, 1, 0, 1, 1, 0], "skill_fraction")).toBe(0);
    expect(m([1, 1, 0, 1, 1, 0], "skills_vs_rest")).toBe(1);
    expect(m([1, 1, 1, 1, 1, 1], "rescaled_sum")).toBe(1);
    expect(sm.metricByName("all_points_earned_binary")).toBe("full_marks");
    expect(sm.metricByName("nope")).toBeUndefined();
  });
  it("aggregate: vote, max over generation rounds, mean ± se, skill filter", () => {
    const item = (c: number, g: number, r: number, points: number[], skills = ["a", "b"]) => ({ combination: c, generationRound: g, gradingRound: r, skills, points, sentenceLimitPoint: points[4] ?? 0, answer: "text" });
    const items = [
      item(0, 1, 1, [1, 1, 1, 1, 1]), item(0, 1, 2, [1, 1, 1, 1, 1]),
      item(0, 2, 1, [0, 0, 0, 0, 0]), item(0, 2, 2, [0, 0, 0, 0, 0]),
      item(1, 1, 1, [1, 0, 1, 1, 1]), item(1, 1, 2, [1, 0, 1, 1, 1]),
      item(1, 2, 1, [1, 1, 1, 1, 0]), item(1, 2, 2, [1, 1, 1, 1, 0]),
      item(2, 1, 1, [1, 1, 1, 1, 1], ["a", "c"]), item(2, 1, 2, [1, 0, 1, 1, 1], ["a", "c"]),
      item(2, 2, 1, [0, 0, 0, 0, 0], ["a", "c"]), item(2, 2, 2, [0, 0, 0, 0, 0], ["a", "c"]),
    ];
    const r = sm.aggregateSkillMix(items, { k: 2 });
    // combination 2's second skill: votes 1 and 0 -> mean 0.5 -> rounds to 0.
    expect(r.perCombination.full_marks).toEqual([1, 0, 0]);
    expect(r.perCombination.all_skills).toEqual([1, 1, 0]);
    expect(r.perCombination.skill_fraction).toEqual([1, 0.5, 0.5]);
    expect(r.metrics.full_marks!.mean).toBeCloseTo(1 / 3);
    expect(r.metrics.full_marks!.se).toBeCloseTo(Math.sqrt(1 / 3) / Math.sqrt(3));
    const f = sm.aggregateSkillMix(items, { k: 2, filterSkills: [" c "] });
    expect(f.combinations).toEqual([0, 1]);
    expect(f.filteredOut).toEqual([2]);
    const avg = sm.aggregateSkillMix(items, { k: 2, vote: "average", acrossGenerations: "average", metrics: ["skill_average"] });
    expect(avg.perCombination.skill_average).toEqual([0.5, 0.75, 0.375]);
  });
  it("meanAndSe: NaN se for one value", () => {
    expect(sm.meanAndSe([1]).se).toBeNaN();
    expect(sm.meanAndSe([0, 1]).se).toBeCloseTo(0.5);
  });
});

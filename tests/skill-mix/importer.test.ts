import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as sm from "../../lib/studies/skill-mix/index";
import { formatCsv } from "../../lib/io/csv";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "skillmix-imp-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const GCOLS = ["k", "skills", "topic", "system prompt", "user_0", "assistant_0", "model_input_0", "score_0", "score_extracted_0", "points_0", "num_sentences_manual_in_student_answer_0", "true_sentence_lim_pt_0", "num_sentences_extracted_eq_num_sentences_model_0"];

function graded(points: string[], lim = "1.0") {
  return formatCsv(points.map((p) => ({ k: 2, skills: "a,  \nb", topic: "T", "system prompt": "", user_0: "The student's answer was: \"an a text\"\n\nFor reference, here are the definitions for the skills:\n...", assistant_0: "table", model_input_0: "", score_0: "3.0", score_extracted_0: "3.0", points_0: p, num_sentences_manual_in_student_answer_0: "1", true_sentence_lim_pt_0: lim, num_sentences_extracted_eq_num_sentences_model_0: "True" })), GCOLS);
}

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe("original layout importer", () => {
  it("parses run and graded directory names", () => {
    expect(sm.parseRunDirName("k3_s10_vdefault_r2")).toEqual({ k: 3, seed: 10, version: "default", generationRound: 2 });
    expect(sm.parseRunDirName("k3_s10_v9_r1")).toEqual({ k: 3, seed: 10, version: "9", generationRound: 1 });
    expect(sm.parseRunDirName("conv")).toBeUndefined();
    expect(sm.parseGradedDirName("by_gpt-4_on_text_1_2_gpt")).toEqual({ grader: "gpt-4", column: "text_1", gradingRound: 2, gradingVersion: "gpt" });
    expect(sm.parseGradedDirName("by_llama2-70b-chat_on_text_1")).toEqual({ grader: "llama2-70b-chat", column: "text_1", gradingRound: 1, gradingVersion: "" });
    expect(sm.parseGradedDirName("by_x_on_assistant_0_3_10")).toEqual({ grader: "x", column: "assistant_0", gradingRound: 3, gradingVersion: "10" });
  });
  it("reads an experiment folder, a run folder and a model folder; groups and flags identical rounds", () => {
    const exp = path.join(tmp, "exp");
    for (const g of [1, 2]) for (const r of [1, 2]) write(path.join(exp, "k2_s7_vdefault_r" + g, "m", "graded", "by_gr_on_text_1_" + r + "_gpt", "records.csv"), graded(["1.0,1.0,1.0,1.0,1.0", "1.0,0.0,1.0,1.0"]));
    const all = sm.findOriginalRuns(exp);
    expect(all).toHaveLength(2);
    expect(sm.findOriginalRuns(path.join(exp, "k2_s7_vdefault_r1"))).toHaveLength(1);
    expect(sm.findOriginalRuns(path.join(exp, "k2_s7_vdefault_r1", "m"))[0].gradings).toHaveLength(2);
    const [grp] = sm.groupOriginalRuns(all);
    expect([grp.model, grp.grader, grp.k, grp.seed, grp.items.length, grp.identicalGradingRounds]).toEqual(["m", "gr", 2, 7, 8, true]);
    expect(grp.items[0].skills).toEqual(["a", "b"]);
    expect(grp.items[0].answer).toBe('"an a text"');
    const res = sm.aggregateSkillMix(grp.items, { k: 2 });
    expect(res.perCombination.full_marks).toEqual([1, 0]);
    // "a" is named in the answer: explicit-name filter removes its point.
    expect(sm.aggregateSkillMix(grp.items, { k: 2, filterExplicitName: true }).perCombination.full_marks).toEqual([0, 0]);
  });
  it("bad cells are InputErrors naming file, line and field", () => {
    const f = path.join(tmp, "bad", "k2_s1_vdefault_r1", "m", "graded", "by_g_on_text_1_1_gpt", "records.csv");
    write(f, graded(["1.0,x"]));
    expect(() => sm.findOriginalRuns(path.join(tmp, "bad"))).toThrow(/records\.csv:2 field 'points_0': not a number: "x"/);
    write(f, graded(["1.0"], "maybe"));
    expect(() => sm.findOriginalRuns(path.join(tmp, "bad"))).toThrow(/field 'true_sentence_lim_pt_0'/);
    write(f, "k,skills,topic\n2,a,T\n");
    expect(() => sm.findOriginalRuns(path.join(tmp, "bad"))).toThrow(/missing required column/);
  });
  it("generation records: k must match the skills", () => {
    const f = path.join(tmp, "gen", "k2_s1_vdefault_r1", "m", "records.csv");
    write(f, formatCsv([{ k: 3, skills: "a, \nb", topic: "T", "system prompt": "", user_0: "p", assistant_0: "Answer: x", model_input_0: "", text_0: "x" }], ["k", "skills", "topic", "system prompt", "user_0", "assistant_0", "model_input_0", "text_0"]));
    expect(() => sm.findOriginalRuns(path.join(tmp, "gen"))).toThrow(/records\.csv:2 field 'skills': k = 3 but 2 skills listed/);
  });
});

import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseMupRating, parseQasperRating } from "../../lib/studies/sciriff/judge/parse-rating";
import { judgeScore } from "../../lib/studies/sciriff/judge/judge-score";
import { mupSampleIndices } from "../../lib/studies/sciriff/judge/mup-sample";
import { qasperFields, mupFields } from "../../lib/studies/sciriff/judge/prompt-fields";
import { readBatchOutput, batchReplyText, parseBatchOutput } from "../../lib/studies/sciriff/judge/batch-output";
import { qasperJudgePlan, mupJudgePlan } from "../../lib/studies/sciriff/judge/judge-items";
import { scorePlan } from "../../lib/studies/sciriff/judge/run-judge";
import { describeShared } from "../helpers/shared";

const fx = JSON.parse(fs.readFileSync("tests/fixtures/sciriff/python_semantics.json", "utf8"));

describe("rating parsing", () => {
  it("Qasper: first 'Rating: N', valid 1..5", () => {
    expect(parseQasperRating("Explanation: fine.\nRating: 4")).toEqual({ rating: 4, status: "ok" });
    expect(parseQasperRating("Rating:5 and later Rating: 1")).toEqual({ rating: 5, status: "ok" });
    expect(parseQasperRating("Rating: 7")).toEqual({ status: "invalid" });
    expect(parseQasperRating("I give it four")).toEqual({ status: "missing" });
  });
  it("MuP: the text after 'Decision:' (else 'Rating:') must be exactly 1..5", () => {
    expect(parseMupRating("Explanation: ok\n\nDecision: 4")).toEqual({ rating: 4, status: "ok" });
    expect(parseMupRating("Explanation: ok\nRating: 2\n")).toEqual({ rating: 2, status: "ok" });
    expect(parseMupRating("Decision: 4/5")).toEqual({ status: "invalid" });
    expect(parseMupRating("no verdict")).toEqual({ status: "missing" });
  });
});

describe("judge scoring and the original's quirks", () => {
  const ratings = [{ rating: 1, status: "ok" as const }, { rating: 5, status: "ok" as const }, { status: "missing" as const }, { rating: 3, status: "ok" as const }];
  it("default: (mean - 1) / 4 over readable ratings; missing ones counted, not scored", () => {
    const s = judgeScore(ratings);
    expect(s.score).toBe((3 - 1) / 4);
    expect(s).toMatchObject({ n_counted: 3, n_missing: 1, n_total: 4 });
  });
  it("missingRating 3 reproduces Qasper's default of 3", () => {
    expect(judgeScore(ratings, { missingRating: 3 }).score).toBe(((1 + 5 + 3 + 3) / 4 - 1) / 4);
  });
  it("dropOnes reproduces MuP's falsy check (a rating of 1 scales to 0 and was dropped)", () => {
    const s = judgeScore(ratings, { dropOnes: true, aggregate: "mean-rescaled" });
    expect(s.score).toBe((1 + 0.5) / 2);
    expect(s.n_dropped_ones).toBe(1);
  });
  it("no ratings gives null", () => {
    expect(judgeScore([]).score).toBeNull();
  });
});

describe("MuP judge sample = CPython random.seed(42); sorted(random.sample(range(n), k))", () => {
  for (const c of fx.mup_samples as { n: number; k: number; indices: number[] }[]) {
    it("n=" + c.n + ", k=" + c.k, () => expect(mupSampleIndices(c.n, c.k)).toEqual(c.indices));
  }
});

describe("prompt fields", () => {
  it("Qasper title and question", () => {
    const p = "You will be shown...\n\nPaper:\n----------------------------------------\nMy Title\n\nbody\n----------------------------------------\n\nQuestion: What is X?\n\nTo repeat, the question is: What is X?";
    expect(qasperFields(p)).toEqual({ title: "My Title", question: "What is X?" });
  });
  it("MuP title and body", () => {
    const p = "Write a summary.\n\nPaper title: Fast Things\n\nPaper body: 1 INTRO . We do it .\n\n3-sentence paper summary:";
    expect(mupFields(p)).toEqual({ title: "Fast Things", body: "1 INTRO . We do it ." });
  });
});

describe("judge plans", () => {
  it("Qasper: instances without an answer are rated 1 without a call", () => {
    const prompts = ["----------------------------------------\nT\nQuestion: Why?\n", "----------------------------------------\nT\nQuestion: How?\n"];
    const refs = [{ answer: "because", evidence: ["e1", "e2"] }, { answer: "so", evidence: [] }];
    const plan = qasperJudgePlan(prompts, refs, [{ answer: "since", f1_answer: 0, f1_evidence: 0 }, { f1_answer: 0, f1_evidence: 0 }]);
    expect(plan.items.map((i) => i.customId)).toEqual(["task-0"]);
    expect(plan.items[0].prompt).toContain("Question: Why?");
    expect(plan.items[0].prompt).toContain("e1\ne2");
    expect(plan.items[0].prompt).toContain("Model answer: since");
    expect(plan.noAnswer).toEqual([1]);
    const res = scorePlan(plan, new Map([["task-0", "Explanation: ok\nRating: 5"]]), "llm");
    expect(res.ratings).toEqual([
      { index: 0, customId: "task-0", rating: 5, status: "ok" },
      { index: 1, customId: undefined, rating: 1, status: "no_answer" },
    ]);
    expect(res.score).toBe(0.5);
  });
  it("MuP: custom ids are positions in the sorted sample", () => {
    const n = 5;
    const plan = mupJudgePlan(Array(n).fill("Paper title: T\nPaper body: B\n3-sentence paper summary:"), Array(n).fill("ref"), Array(n).fill("pred"), 3);
    expect(plan.items.map((i) => i.customId)).toEqual(["task-0", "task-1", "task-2"]);
    expect(plan.items.map((i) => i.index)).toEqual(mupSampleIndices(5, 3));
  });
});

describe("batch output parsing", () => {
  it("matches by custom_id and rejects duplicates", () => {
    const text = ['{"custom_id": "task-1", "response": {"status_code": 200, "body": {"choices": [{"message": {"content": "Rating: 2"}}]}}}', '{"custom_id": "task-0", "response": {"status_code": 500, "body": {}}, "error": null}'].join("\n");
    const m = parseBatchOutput(text, "x.jsonl");
    expect(batchReplyText(m.get("task-1")!)).toBe("Rating: 2");
    expect(batchReplyText(m.get("task-0")!)).toBeUndefined();
    expect(() => parseBatchOutput(text + "\n" + text.split("\n")[0], "x.jsonl")).toThrow(/x.jsonl:3 field 'custom_id'.*twice/);
  });
});

describeShared("re-scoring the real GPT-4o judge outputs", "sciriff/sciriff_vr", (dir) => {
  const base = path.join(dir, "example", "Qwen2.5-7B-Instruct");
  it("Qasper: our parse of lm_judge_raw.json gives exactly the stored lm_judge.json ratings", () => {
    const raw = readBatchOutput(path.join(base, "qasper_abstractive_qa", "lm_judge_raw.json"));
    const stored = JSON.parse(fs.readFileSync(path.join(base, "qasper_abstractive_qa", "lm_judge.json"), "utf8")) as number[];
    const ours = stored.map((_, i) => parseQasperRating(batchReplyText(raw.get("task-" + i)!) ?? "").rating ?? 3);
    expect(ours).toEqual(stored);
    expect(judgeScore(ours.map((r) => ({ rating: r, status: "ok" as const }))).score).toBeCloseTo((stored.reduce((a, b) => a + b, 0) / stored.length - 1) / 4, 15);
  });
  it("MuP: the average of (rating - 1) / 4 equals the stored avg_rating", () => {
    const raw = readBatchOutput(path.join(base, "mup_single_document_summarization", "lm_judge_raw.json"));
    const stored = JSON.parse(fs.readFileSync(path.join(base, "mup_single_document_summarization", "lm_judge_reference_free.json"), "utf8"));
    const rs = [...raw.keys()].map((k) => parseMupRating(batchReplyText(raw.get(k)!) ?? ""));
    const s = judgeScore(rs, { aggregate: "mean-rescaled" });
    expect(s.n_counted).toBe(stored.lm_judge_n_samples);
    expect(s.score).toBe(stored.avg_rating);
  });
});

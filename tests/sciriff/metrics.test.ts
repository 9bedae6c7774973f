import { describe, expect, it } from "vitest";
import { listF1 } from "../../lib/studies/sciriff/metrics/list-f1";
import { entityF1 } from "../../lib/studies/sciriff/metrics/entity-f1";
import { labelEvidenceF1 } from "../../lib/studies/sciriff/metrics/label-evidence-f1";
import { tupleF1 } from "../../lib/studies/sciriff/metrics/tuple-f1";
import { attributedQa } from "../../lib/studies/sciriff/metrics/attributed-qa";
import { corpusBleu } from "../../lib/studies/sciriff/metrics/bleu";
import { tokenize13a } from "../../lib/studies/sciriff/metrics/tokenize-13a";
import { sciriffTokenF1 } from "../../lib/studies/sciriff/metrics/token-f1";
import { computeF1 } from "../../lib/studies/sciriff/metrics/prf";
import { PyFloat } from "../../lib/studies/sciriff/pyjson/py-float";

describe("computeF1", () => {
  it("is 0 for empty denominators", () => {
    expect(computeF1(0, 0, 0)).toEqual({ p: 0, r: 0, f1: 0 });
    expect(computeF1(1, 2, 4)).toEqual({ p: 0.5, r: 0.25, f1: (2 * 0.5 * 0.25) / 0.75 });
  });
});

describe("listF1 (micro, sets of normalised entries)", () => {
  it("hand-worked: 2 instances", () => {
    // inst 1: pred {brca1, tp53}, ref {brca1, brca2, tp53} -> 2 correct
    // inst 2: pred {x} (duplicates collapse), ref {y} -> 0 correct
    const r = listF1([
      { pred: [" BRCA1", "tp53"], ref: ["BRCA1", "BRCA2", "TP53"] },
      { pred: ["x", "X "], ref: ["y"] },
    ]);
    expect(r.counts).toEqual({ correct: 2, preds: 3, refs: 4 });
    expect(r.f1.p).toBeCloseTo(2 / 3, 15);
    expect(r.f1.r).toBe(0.5);
    expect(r.f1.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 15);
  });
  it("numbers normalise as Python strings; a dict entry makes the list ['']", () => {
    const r = listF1([
      { pred: [1, new PyFloat(0.125)], ref: ["1", "0.12"] },
      { pred: [{ a: 1 }], ref: ["a"] },
    ]);
    expect(r.counts).toEqual({ correct: 2, preds: 3, refs: 3 });
    expect(r.parse_counts).toEqual({ success: 3, failure: 1, frac_success: 0.75 });
  });
  it("a string prediction is iterated character by character (as Python)", () => {
    expect(listF1([{ pred: "ab", ref: ["a"] }]).counts).toEqual({ correct: 1, preds: 2, refs: 1 });
  });
});

describe("entityF1 (typed and untyped)", () => {
  it("hand-worked", () => {
    const r = entityF1([
      {
        pred: { Chemical: ["Carbamazepine"], Disease: ["myocarditis", "shock"] },
        ref: { Chemical: ["carbamazepine"], Disease: ["Myocarditis"], Gene: ["shock"] },
      },
    ]);
    // typed: pred {(carbamazepine,Chemical),(myocarditis,Disease),(shock,Disease)}; ref {(carbamazepine,Chemical),(myocarditis,Disease),(shock,Gene)} -> 2/3
    expect(r.typed.p).toBeCloseTo(2 / 3, 15);
    expect(r.typed.r).toBeCloseTo(2 / 3, 15);
    // untyped: all 3 match
    expect(r.untyped.f1).toBe(1);
  });
  it("flattens nested mention lists; a non-dict prediction counts as no entities", () => {
    const r = entityF1([
      { pred: { Gene: [["NIS", "TSH"]] }, ref: { Gene: ["nis", "tsh"] } },
      { pred: ["NIS"], ref: { Gene: ["x"] } },
    ]);
    expect(r.typed).toEqual(computeF1(2, 2, 3));
    expect(r.invalid.not_dict).toBe(1);
  });
});

describe("labelEvidenceF1 (SciFact)", () => {
  it("label F1 ignores NEI; evidence sentence and token F1", () => {
    const r = labelEvidenceF1([
      { pred: { verdict: "SUPPORT", evidence: ["The drug works. "] }, ref: { verdict: "SUPPORT", evidence: ["the drug works."] } },
      { pred: { verdict: "NEI", evidence: [] }, ref: { verdict: "CONTRADICT", evidence: ["It failed badly."] } },
      { pred: { verdict: "CONTRADICT", evidence: ["Nothing here"] }, ref: { verdict: "NEI", evidence: [] } },
      { pred: "not a dict", ref: { verdict: "SUPPORT", evidence: ["ignored"] } },
    ]);
    // label: refs (non-NEI, dict preds) = 2, preds (non-NEI) = 2, correct = 1
    expect(r.f1.label).toEqual(computeF1(1, 2, 2));
    // sentences: correct 1 (case/space-insensitive), preds 2, refs 2
    expect(r.f1.evidence_sent).toEqual(computeF1(1, 2, 2));
    // tokens: ref [drug works] + [it failed badly]; pred [drug works] + [nothing here] -> correct 2, preds 4, refs 5
    expect(r.f1.evidence_tok).toEqual(computeF1(2, 4, 5));
    expect(r.answer_parse.not_dict).toBe(1);
  });
  it("a missing verdict counts as NEI", () => {
    const r = labelEvidenceF1([{ pred: { evidence: [] }, ref: { verdict: "SUPPORT", evidence: [] } }]);
    expect(r.f1.label).toEqual(computeF1(0, 0, 1));
    expect(r.answer_parse.correct_verdict).toEqual({ yes: 0, no: 1, frac_success: 0 });
  });
});

describe("tupleF1 (evidence inference)", () => {
  const ref = [["aspirin", "placebo", "headache severity", "significantly decreased", "Headache severity was lower with aspirin"]];
  const o = { tupleLength: 5, overlapThreshold: 0.3 };
  it("exact, substring and overlap matches", () => {
    const exact = tupleF1([{ pred: [["Aspirin", "placebo", "headache severity", "significantly decreased", "headache severity was lower with aspirin"]], ref }], o);
    expect(exact.exact.f1).toBe(1);
    const sub = tupleF1([{ pred: [["aspirin 100 mg", "placebo", "headache", "significantly decreased", "lower with aspirin"]], ref }], o);
    expect(sub.exact.f1).toBe(0);
    expect(sub.substring.f1).toBe(1);
    // overlap: token F1 per field >= 0.3; "headache" vs "headache severity" = 2/3; "aspirin 100 mg" vs "aspirin" = 0.5
    expect(sub.overlap.f1).toBe(1);
  });
  it("null comparator normalises to '' and never fuzzy-matches; the reference null is ''", () => {
    const r = tupleF1([{ pred: [["aspirin", null, "headache severity", "significantly decreased", "x"]], ref: [["aspirin", null, "headache severity", "significantly decreased", "x"]] }], o);
    expect(r.exact.f1).toBe(1);
    expect(r.substring.f1).toBe(0);
    expect(r.overlap.f1).toBe(0);
  });
  it("greedy one-to-one matching and parse counts", () => {
    const t = ["a b", "c", "d", "no significant difference", "e f"];
    const r = tupleF1([{ pred: [t, t, ["short"], "x"], ref: [t] }], o);
    // two identical predictions can use the single reference only once
    expect(r.counts).toMatchObject({ preds: 2, refs: 1, substring_match: 1, overlap_match: 1, exact_match: 1 });
    expect(r.parse_counts).toMatchObject({ good_list: 2, wrong_length: 1, entry_not_list: 1 });
    // a flat single tuple is accepted
    expect(tupleF1([{ pred: t, ref: [t] }], o).exact.f1).toBe(1);
  });
});

describe("sciriffTokenF1", () => {
  it("SQuAD v1.1 normalisation, 0 when nothing is shared (even both empty)", () => {
    expect(sciriffTokenF1("The cat sat.", "a cat sat")).toBe(1);
    expect(sciriffTokenF1("", "")).toBe(0);
    expect(sciriffTokenF1("cat dog", "cat")).toBeCloseTo(2 / 3, 15);
  });
});

describe("attributedQa (Qasper)", () => {
  it("per-instance means; missing answers count 0 in _all only", () => {
    const r = attributedQa([
      { pred: { answer: "BERT and RoBERTa", evidence: ["We compare against BERT."] }, ref: { answer: "BERT, RoBERTa", evidence: ["We compare against BERT.", "And RoBERTa."] } },
      { pred: { answer: null, evidence: null }, ref: { answer: "yes", evidence: ["x"] } },
      { pred: { answer: ["a", ["b"]], evidence: "ab" }, ref: { answer: "a b", evidence: ["a b"] } },
    ]);
    // inst 1: answer tokens [bert and roberta] vs [bert roberta] -> P 2/3 R 1 F 0.8
    // inst 3: answer "a b" -> normalised: "a" is an article -> [b] vs [b] -> 1; evidence "a b" (string iterated) -> 1
    const f1Ev1 = sciriffTokenF1("We compare against BERT.", "We compare against BERT. And RoBERTa.");
    expect(r.scores.f1_answer_all).toBeCloseTo((0.8 + 0 + 1) / 3, 15);
    expect(r.scores.f1_answer_parsed).toBeCloseTo((0.8 + 1) / 2, 15);
    expect(r.scores.f1_evidence_all).toBeCloseTo((f1Ev1 + 0 + 1) / 3, 15);
    expect(r.answer_parse.answer).toEqual({ yes: 2, no: 1, frac_success: 2 / 3 });
    expect(r.answer_parse.answer_entry_is_str).toEqual({ yes: 1, no: 1, frac_success: 0.5 });
  });
});

describe("BLEU (HF evaluate / TF NMT compute_bleu with 13a tokens)", () => {
  it("tokenizes like 13a", () => {
    expect(tokenize13a('He said "hi", 3.5-4 (ok).')).toEqual(["He", "said", '"', "hi", '"', ",", "3.5", "-", "4", "(", "ok", ")", "."]);
    expect(tokenize13a("a &amp; b")).toEqual(["a", "&", "b"]);
  });
  it("identical corpus scores 1; no 4-gram match scores 0", () => {
    expect(corpusBleu(["the cat sat on the mat"], ["the cat sat on the mat"]).bleu).toBeCloseTo(1, 15);
    expect(corpusBleu(["the cat"], ["the cat"]).bleu).toBe(0);
  });
  it("hand-worked brevity penalty and precisions", () => {
    // pred: a b c d e (5 tokens), ref: a b c d e f g (7 tokens)
    const r = corpusBleu(["a b c d e"], ["a b c d e f g"]);
    expect(r.precisions).toEqual([1, 1, 1, 1]);
    expect(r.brevity_penalty).toBeCloseTo(Math.exp(1 - 7 / 5), 15);
    expect(r.bleu).toBeCloseTo(Math.exp(1 - 7 / 5), 15);
    // clipped counts: pred "a a a a" vs ref "a b c d": p1 = 1/4
    const c = corpusBleu(["a a a a b"], ["a b c d e"]);
    expect(c.precisions[0]).toBeCloseTo(2 / 5, 15);
  });
});

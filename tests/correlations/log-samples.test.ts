import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readJson } from "../../lib/io/json";
import { InputError } from "../../lib/util/errors";
import { readLogSamples, scoresFromLogSamples, taskFromFileName } from "../../lib/studies/correlations/log-samples";
import { scoreChoices } from "../../lib/studies/correlations/choice-scores";
import { softmax } from "../../lib/studies/correlations/softmax";
import { targetIndex } from "../../lib/studies/correlations/target-index";

const FIX = path.join(process.cwd(), "tests/fixtures/correlations");
const expected = readJson<{ scores: { model: string; task: string; sample_idx: number; metric: string; score: number }[] }>(path.join(FIX, "expected.json"), { allowNaN: true });

function close(a: number, b: number, tol = 1e-12) {
  if (Number.isNaN(b)) return expect(a).toBeNaN();
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}

describe("per-sample scores from lm-eval log_samples match the original formulas (numpy reference)", () => {
  const models = fs.readdirSync(FIX).filter((d) => fs.statSync(path.join(FIX, d)).isDirectory());
  for (const model of models) {
    for (const f of fs.readdirSync(path.join(FIX, model))) {
      const task = taskFromFileName(f)!;
      it(model + " / " + task, () => {
        const parsed = readLogSamples(path.join(FIX, model, f));
        expect(parsed.task).toBe(task);
        const rows = scoresFromLogSamples(parsed, model);
        const want = expected.scores.filter((r) => r.model === model && r.task === task);
        expect(rows.length).toBe(want.length);
        for (const w of want) {
          const got = rows.find((r) => r.sample_idx === w.sample_idx && r.metric === w.metric);
          expect(got, w.metric + " of sample " + w.sample_idx).toBeDefined();
          close(got!.score, w.score);
        }
      });
    }
  }
});

describe("target index special cases", () => {
  const where = { file: "x.jsonl", line: 3 };
  it("anli: the one continuation ending with the label", () => {
    expect(targetIndex("anli_r2", { target: "Neither", continuations: [" True", " Neither", " False"] }, where)).toBe(1);
    expect(() => targetIndex("anli_r2", { target: "Maybe", continuations: [" True", " Neither"] }, where)).toThrow(/exactly one choice/);
  });
  it("pubmedqa: continuation equal to ' ' + target", () => {
    expect(targetIndex("pubmedqa", { target: "maybe", continuations: [" yes", " no", " maybe"] }, where)).toBe(2);
  });
  it("winogrande / xwinograd_en: 1-based doc.answer", () => {
    expect(targetIndex("winogrande", { target: 0, doc: { answer: "2" }, continuations: ["a", "a"] }, where)).toBe(1);
    expect(targetIndex("xwinograd_en", { target: 1, doc: { answer: 1 }, continuations: ["a", "a"] }, where)).toBe(0);
    expect(() => targetIndex("winogrande", { target: 0, doc: {}, continuations: ["a", "a"] }, where)).toThrow(/doc\.answer/);
  });
  it("default: integer target, integer strings accepted, out of range rejected", () => {
    expect(targetIndex("arc_easy", { target: 3, continuations: ["a", "b", "c", "d"] }, where)).toBe(3);
    expect(targetIndex("mmlu_x", { target: "2", continuations: ["a", "b", "c", "d"] }, where)).toBe(2);
    expect(targetIndex("sciq", { target: "mitochondria", continuations: [" nucleus", " mitochondria"] }, where)).toBe(1);
    expect(() => targetIndex("sciq", { target: "ribosome", continuations: [" nucleus", " mitochondria"] }, where)).toThrow(/text of exactly one choice/);
    const e = (() => {
      try {
        targetIndex("arc_easy", { target: 4, continuations: ["a", "b"] }, where);
      } catch (err) {
        return err as InputError;
      }
    })();
    expect(e).toBeInstanceOf(InputError);
    expect(e!.message).toBe("x.jsonl:3 field 'target': target index 4 is outside 0..1");
  });
});

describe("score definitions worked by hand", () => {
  it("softmax keeps the original's epsilon in the denominator", () => {
    const p = softmax([0, 0]);
    expect(p[0]).toBe(1 / (2 + 1e-8));
    expect(softmax([Math.log(3), 0], 1e-9)[0]).toBeCloseTo(1 / (4 / 3 + 1e-9), 15);
  });
  it("two choices, target 0", () => {
    const ll = [Math.log(0.3), Math.log(0.1)];
    const s = scoreChoices({ logLikelihoods: ll, target: 0, isGreedy: [true, false], choiceLengths: [1, 10] });
    expect(s.log_prob_vocab_correct).toBe(ll[0]);
    close(s.prob_vocab_correct, 0.3);
    close(s.prob_vocab_choices, 0.4);
    close(s.prob_choices_correct, 0.75 / (1 + 1e-8 / (1 + 1 / 3)), 1e-9);
    // softmax (0.75, 0.25): ((0.75 - 1)² + 0.25²) / 2 = 0.0625
    close(s.brier_score, 0.0625, 1e-8);
    expect(s.acc).toBe(1);
    // per character: log(0.3)/1 = -1.20 < log(0.1)/10 = -0.23 → choice 1 wins
    expect(s.acc_norm).toBe(0);
    expect(s.target_is_greedy).toBe(1);
  });
  it("logged acc/acc_norm take precedence; unknown lengths give NaN acc_norm", () => {
    const s = scoreChoices({ logLikelihoods: [-1, -2], target: 1, acc: 1 });
    expect(s.acc).toBe(1);
    expect(s.acc_norm).toBeNaN();
    expect(s.target_is_greedy).toBeNaN();
  });
});

describe("bad log_samples input is an InputError with file, line and field", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corr-ls-"));
  const write = (name: string, rows: unknown[]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n");
    return p;
  };
  const ok = { doc_id: 0, target: 1, arguments: [["q", " a"], ["q", " b"]], filtered_resps: [[-1, false], [-2, true]] };
  const cases: [string, unknown[], RegExp][] = [
    ["not json", [ok, "{oops"], /:2: invalid JSON/],
    ["bad doc_id", [{ ...ok, doc_id: "a" }], /:1 field 'doc_id'/],
    ["duplicate doc_id", [ok, ok], /:2 field 'doc_id': duplicate doc_id 0 \(first on line 1\)/],
    ["positive loglik", [{ ...ok, filtered_resps: [[0.5, false], [-2, true]] }], /:1 field 'filtered_resps\[0\]': log-likelihood must be a number <= 0/],
    ["bad greedy", [{ ...ok, filtered_resps: [[-1, "maybe"], [-2, true]] }], /field 'filtered_resps\[0\]': is_greedy/],
    ["count mismatch", [{ ...ok, filtered_resps: [[-1, false]] }], /1 responses for 2 request arguments/],
    ["target out of range", [{ ...ok, target: 5 }], /:1 field 'target': target index 5/],
  ];
  for (const [name, rows, re] of cases) {
    it(name, () => {
      const p = write("samples_arc_easy_2024-01-01T00-00-00.jsonl", rows);
      expect(() => readLogSamples(p)).toThrow(InputError);
      expect(() => readLogSamples(p)).toThrow(re);
    });
  }
  it("unknown task names need an explicit kind; the file name gives the task", () => {
    const p = write("my_results.jsonl", [ok]);
    expect(() => readLogSamples(p)).toThrow(/cannot tell the task/);
    expect(() => readLogSamples(p, { task: "gsm8k" })).toThrow(/not scored from log-likelihoods/);
    const r = readLogSamples(p, { task: "my_mc_task", kind: "multiple_choice" });
    expect(r.samples[0].target).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { describeShared } from "../helpers/shared";
import { scorePredictions } from "../../lib/studies/sciriff/score/score-dir";
import { TASKS } from "../../lib/studies/sciriff/tasks";

const reference = JSON.parse(fs.readFileSync("tests/fixtures/sciriff/reference_vr.json", "utf8"));

describeShared("sciriff score on the real Qwen2.5-7B predictions", "sciriff/sciriff_vr", (dir) => {
  const predDir = path.join(dir, "example");
  it("CLI `sciriff score --no-judge` writes every non-judge metric of every task with predictions", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "sciriff-cli-"));
    const r = spawnSync(process.execPath, ["bin/evalbook.js", "sciriff", "score", "--pred-dir", predDir, "--metrics-dir", out, "--no-judge"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const tasks = lines.map((l) => l.task).sort();
    expect(tasks).toEqual(["bioasq_list_qa", "biored_ner", "evidence_inference", "qasper_abstractive_qa", "scierc_ner", "scifact_entailment"]);
    expect(r.stderr).toContain("skipped Qwen2.5-7B-Instruct/discomat_te: no prediction file (run summary only)");
    for (const l of lines) {
      const t = TASKS[l.task];
      for (const m of t.summary) {
        if (t.judgeMetrics.includes(m)) continue;
        expect(typeof l.summary[m], l.task + "/" + m).toBe("number");
      }
      const mj = JSON.parse(fs.readFileSync(path.join(out, "Qwen2.5-7B-Instruct", l.task, "metrics.json"), "utf8"));
      expect(mj.n_instances).toBe(reference[l.task].n);
      expect(typeof mj.bleu).toBe("number");
    }
    const tsv = fs.readFileSync(path.join(out, "summary.tsv"), "utf8").trim().split("\n");
    expect(tsv[0].split("\t")[0]).toBe("model");
    expect(tsv[0].split("\t").slice(-2)).toEqual(["mean", "median"]);
    expect(tsv[1].split("\t")[0]).toBe("Qwen2.5-7B-Instruct");
    expect(tsv[0]).not.toContain("lm_judge");
    // x100 and two decimals
    expect(tsv[1].split("\t")[1]).toBe((reference.bioasq_list_qa.summary.f1 * 100).toFixed(2));
  });

  for (const mode of ["original", "default"] as const) {
    it("matches the independent Python re-implementation exactly (" + mode + " settings)", async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), "sciriff-ref-"));
      const opts = mode === "original" ? { eosStrip: "original" as const, scan: "original" as const } : {};
      const res = await scorePredictions(predDir, out, { judge: "none", ...opts });
      for (const m of res.metrics) {
        const ref = reference[m.task];
        for (const [k, v] of Object.entries(ref.summary)) expect(m.summary[k], m.task + "/" + k).toBe(v);
        expect(m.bleu, m.task + " bleu").toBeCloseTo(ref.bleu as number, 14);
        const counts = { valid_json: 0, null_json: 0, extract_success: 0, extract_failure: 0, ...ref.json_counts };
        expect({ ...m.json_counts, frac_success: undefined }).toEqual({ ...counts, frac_success: undefined });
      }
    });
  }

  it("the run summaries report the same instance counts (their only metric is lm-eval's 'bypass' placeholder)", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "sciriff-rs-"));
    const res = await scorePredictions(predDir, out, { judge: "none" });
    let compared = 0;
    for (const f of res.files) {
      const mj = JSON.parse(fs.readFileSync(f, "utf8"));
      for (const s of mj.run_summaries) {
        expect(s.n_samples).toBe(mj.n_instances);
        expect(Object.keys(s.results).filter((k) => k !== "alias")).toEqual(["bypass,none", "bypass_stderr,none"]);
        compared++;
      }
    }
    expect(compared).toBe(3); // qasper, scierc, scifact have both predictions and a run summary
  });

  it("with judge outputs present, Qasper and MuP judge scores are re-computed from them", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "sciriff-j-"));
    const res = await scorePredictions(predDir, out, {});
    const q = res.metrics.find((m) => m.task === "qasper_abstractive_qa")!;
    const mup = res.metrics.find((m) => m.task === "mup_single_document_summarization")!;
    expect(q.summary.lm_judge_answer).toBeCloseTo((322 / 107 - 1) / 4, 15);
    expect(mup.summary.lm_judge_reference).toBe(0.8845);
  });
});

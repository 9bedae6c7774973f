import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { startOfflineLLM } from "../../lib/llm/offline";
import { batchRoutes } from "../../lib/studies/sciriff/mock-batch-routes";
import { loadInstances } from "../../lib/studies/sciriff/predict/instances";
import { predictTask } from "../../lib/studies/sciriff/predict/predict-task";
import { loadSamples } from "../../lib/studies/sciriff/predictions/load-samples";
import { scorePredictions } from "../../lib/studies/sciriff/score/score-dir";
import { InputError } from "../../lib/util/errors";

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

describe("prediction stage through the LLM layer (offline simulated model)", () => {
  it("writes lm-eval sample logs that the scorer reads, and resumes without new calls", async () => {
    const out = tmp("sciriff-pred-");
    const runDir = tmp("sciriff-run-");
    const off = await startOfflineLLM({ roles: { model: "simulated/sciriff?quality=0.8", judge: "simulated/sciriff?quality=0.8" } });
    try {
      for (const task of ["scifact_entailment", "qasper_abstractive_qa", "mup_single_document_summarization"]) {
        const instances = loadInstances("data/sciriff/instances/" + task + ".jsonl");
        const r = await predictTask({ llm: off.llm, task, instances, model: "simA", outDir: out, runDir });
        expect(r).toMatchObject({ written: instances.length, failed: [], simulated: true });
        const samples = loadSamples(r.file);
        expect(samples.map((s) => s.target)).toEqual(instances.map((i) => i.output));
        expect(samples[0].prompt).toBe(instances[0].input);
      }
      const calls = off.server.requests.length;
      const again = await predictTask({ llm: off.llm, task: "scifact_entailment", instances: loadInstances("data/sciriff/instances/scifact_entailment.jsonl"), model: "simA", outDir: out, runDir });
      expect(again.written).toBe(6);
      expect(off.server.requests.length).toBe(calls); // resumed from the stage records
      // tulu format: a text completion of the tulu template
      const tulu = await predictTask({ llm: off.llm, task: "bioasq_list_qa", instances: loadInstances("data/sciriff/instances/bioasq_list_qa.jsonl").slice(0, 2), model: "simT", outDir: out, runDir, format: "tulu" });
      expect(loadSamples(tulu.file)[0].prompt).toMatch(/^<\|user\|>\n[\s\S]*\n<\|assistant\|>$/);
      expect(off.server.requests.some((r) => r.path === "/v1/completions")).toBe(true);

      const metrics = tmp("sciriff-m-");
      const res = await scorePredictions(out, metrics, { llm: off.llm, judge: "llm" });
      const q = res.metrics.find((m) => m.model === "simA" && m.task === "qasper_abstractive_qa")!;
      expect(typeof q.summary.lm_judge_answer).toBe("number");
      const judged = off.server.requests.filter((r) => JSON.stringify(r.body).includes("You are grading an answer"));
      const noAnswer = (q.lm_judge as { n_no_answer: number }).n_no_answer;
      expect(judged.length).toBe(6 - noAnswer); // unanswered instances are not sent
      const mup = res.metrics.find((m) => m.model === "simA" && m.task === "mup_single_document_summarization")!;
      expect((mup.lm_judge as { n_total: number }).n_total).toBe(6);
      expect(fs.readFileSync(res.summaryFile, "utf8").split("\n")[0]).toContain("qasper_abstractive_qa/lm_judge_answer");
    } finally {
      await off.close();
    }
  });

  it("judge through the Batch API (loopback routes) gives the same ratings as direct calls", async () => {
    const off = await startOfflineLLM({ roles: { judge: "simulated/sciriff?quality=0.8" }, server: { routes: batchRoutes({ pollsToComplete: 2 }) } });
    try {
      const direct = await scorePredictions("data/sciriff/predictions", tmp("sciriff-d-"), { llm: off.llm, judge: "llm" });
      const batchDir = tmp("sciriff-b-");
      const batched = await scorePredictions("data/sciriff/predictions", batchDir, { judge: "batch", batch: { baseURL: off.server.url, model: "simulated/sciriff?quality=0.8", sleep: async () => {} } });
      for (const m of batched.metrics.filter((x) => x.lm_judge)) {
        const d = direct.metrics.find((x) => x.model === m.model && x.task === m.task)!;
        expect((m.lm_judge as { ratings: unknown }).ratings, m.model + "/" + m.task).toEqual((d.lm_judge as { ratings: unknown }).ratings);
        expect(m.lm_judge).toMatchObject({ source: "batch" });
      }
      // the batch output and mapping are kept for re-scoring, as SciRIFF does
      const qdir = path.join(batchDir, "sim-strong", "qasper_abstractive_qa");
      expect(JSON.parse(fs.readFileSync(path.join(qdir, "lm_judge_mapping.json"), "utf8")).batch_id).toMatch(/^batch_/);
      expect(Array.isArray(JSON.parse(fs.readFileSync(path.join(qdir, "lm_judge_raw.json"), "utf8")))).toBe(true);
    } finally {
      await off.close();
    }
  });
});

describe("few-shot prompts (SciRIFF's evidence inference is 1-shot)", () => {
  it("prepends '<input>\\n<output>' and the task's delimiter; refuses to run without a pool", async () => {
    const off = await startOfflineLLM({ roles: { model: "simulated/sciriff" } });
    try {
      const inst = loadInstances("data/sciriff/instances/evidence_inference.jsonl");
      const out = tmp("sciriff-fs-");
      await expect(predictTask({ llm: off.llm, task: "evidence_inference", instances: inst, model: "m", outDir: out, runDir: tmp("sciriff-fsr-") })).rejects.toThrow(/few-shot pool/);
      const r = await predictTask({ llm: off.llm, task: "evidence_inference", instances: inst.slice(0, 2), model: "m", outDir: out, runDir: tmp("sciriff-fsr-"), fewshot: inst });
      const s = loadSamples(r.file);
      expect(s[0].prompt).toBe(inst[1].input + "\n" + inst[1].output + "\n\n\n" + inst[0].input); // never the instance itself
      expect(s[1].prompt).toBe(inst[0].input + "\n" + inst[0].output + "\n\n\n" + inst[1].input);
      const zero = await predictTask({ llm: off.llm, task: "evidence_inference", instances: inst.slice(0, 1), model: "z", outDir: out, runDir: tmp("sciriff-fsr-"), numFewshot: 0 });
      expect(loadSamples(zero.file)[0].prompt).toBe(inst[0].input);
    } finally {
      await off.close();
    }
  });
});

describe("bad input", () => {
  it("a sample log without filtered_resps is an InputError naming line and field", () => {
    const dir = tmp("sciriff-bad-");
    const f = path.join(dir, "samples_x.jsonl");
    fs.writeFileSync(f, JSON.stringify({ doc_id: 0, target: "[]", arguments: { gen_args_0: { arg_0: "p" } }, filtered_resps: ["[]"] }) + "\n" + JSON.stringify({ doc_id: 1, target: "[]", arguments: { gen_args_0: { arg_0: "p" } } }) + "\n");
    expect(() => loadSamples(f)).toThrow(InputError);
    expect(() => loadSamples(f)).toThrow(/samples_x.jsonl:2 field 'filtered_resps'/);
  });
  it("a reference that is not JSON is an InputError naming line and field target", async () => {
    const dir = tmp("sciriff-badref-");
    fs.mkdirSync(path.join(dir, "bioasq_list_qa"));
    fs.writeFileSync(path.join(dir, "bioasq_list_qa", "samples_bioasq.jsonl"), JSON.stringify({ doc_id: 0, target: "not json", arguments: { gen_args_0: { arg_0: "p" } }, filtered_resps: ["[]"] }) + "\n");
    await expect(scorePredictions(dir, tmp("sciriff-o-"), { judge: "none" })).rejects.toThrow(/samples_bioasq.jsonl:1 field 'target'/);
  });
  it("an instance without input is an InputError", () => {
    const f = path.join(tmp("sciriff-inst-"), "i.jsonl");
    fs.writeFileSync(f, '{"input": "a", "output": "b"}\n{"output": "b"}\n');
    expect(() => loadInstances(f)).toThrow(/i.jsonl:2 field 'input'/);
  });
});

describe("CLI", () => {
  it("sciriff predict --offline then sciriff score", () => {
    const out = tmp("sciriff-cli-p-");
    const p = spawnSync(process.execPath, ["bin/evalbook.js", "sciriff", "predict", "--task", "multicite_intent_classification", "--instances", "data/sciriff/instances/multicite_intent_classification.jsonl", "--out", out, "--offline", "--model-name", "sim"], { encoding: "utf8" });
    expect(p.status, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout.trim())).toMatchObject({ task: "multicite_intent_classification", model: "sim", written: 6, failed: 0, simulated: true });
    const m = tmp("sciriff-cli-m-");
    const s = spawnSync(process.execPath, ["bin/evalbook.js", "sciriff", "score", "--pred-dir", out, "--metrics-dir", m, "--no-judge"], { encoding: "utf8" });
    expect(s.status, s.stderr).toBe(0);
    expect(fs.readFileSync(path.join(m, "summary.tsv"), "utf8")).toMatch(/^model\tmulticite_intent_classification\/f1\tmean\tmedian\nsim\t\d+\.\d\d\t/);
  });
  it("sciriff score --judge-mode batch against the loopback server's default plugins", async () => {
    const { startMockServer } = await import("../../lib/llm/mock/index");
    const { defaultRoutes } = await import("../../lib/llm/mock/plugins");
    const server = await startMockServer({ routes: defaultRoutes() });
    try {
      const m = tmp("sciriff-cli-b-");
      const { spawn } = await import("node:child_process");
      const child = spawn(process.execPath, ["bin/evalbook.js", "sciriff", "score", "--pred-dir", "data/sciriff/predictions", "--metrics-dir", m, "--judge-mode", "batch", "--batch-base-url", server.url, "--batch-model", "simulated/sciriff?quality=0.8", "--poll-seconds", "0"], { env: { ...process.env, OPENAI_API_KEY: "" } });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
      expect(code, stderr).toBe(0);
      expect(stderr).toMatch(/batch batch_\d+: completed/);
      const q = JSON.parse(fs.readFileSync(path.join(m, "sim-strong", "qasper_abstractive_qa", "metrics.json"), "utf8"));
      expect(q.lm_judge.source).toBe("batch");
      expect(typeof q.summary.lm_judge_answer).toBe("number");
    } finally {
      await server.close();
    }
  });
  it("a missing prediction directory is a one-line error", () => {
    const s = spawnSync(process.execPath, ["bin/evalbook.js", "sciriff", "score", "--pred-dir", "/nonexistent/x", "--metrics-dir", tmp("sciriff-e-"), "--no-judge"], { encoding: "utf8" });
    expect(s.status).toBe(1);
    expect(s.stderr.trim()).toBe("evalbook: prediction directory not found: /nonexistent/x");
  });
});

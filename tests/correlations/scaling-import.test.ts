import { expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeShared } from "../helpers/shared";
import { InputError } from "../../lib/util/errors";
import * as scaling from "../../lib/data/scaling/index";

describeShared("Pythia per-checkpoint evaluations (real data)", "scaling/pythia", (dir) => {
  const scores = scaling.readPythiaDir(dir);
  it("reads every file: 18 Pythia variants, 8 OPT, 5 BLOOM", () => {
    const models = new Set(scores.map((s) => s.model));
    expect(Array.from(models).filter((m) => m.startsWith("pythia-")).length).toBe(18);
    expect(Array.from(models).filter((m) => m.startsWith("opt-")).length).toBe(8);
    expect(Array.from(models).filter((m) => m.startsWith("bloom-")).length).toBe(5);
    expect(new Set(scores.map((s) => s.source)).size).toBe(432 + 269 + 13);
  });
  it("derives step, tokens and compute of a checkpoint", () => {
    const s = scores.find((x) => x.model === "pythia-70m-deduped" && x.step === 3000 && x.task === "arc_challenge" && x.metric === "acc" && x.shots === 0)!;
    expect(s.value).toBeCloseTo(0.18686006825938567, 15);
    expect(s.stderr).toBeCloseTo(0.011391015649694398, 15);
    expect(s.tokens).toBe(3000 * 2_097_152);
    expect(s.compute).toBe(6 * 70e6 * 3000 * 2_097_152);
    expect(s.family).toBe("Pythia-deduped");
    const v = scores.find((x) => x.model === "pythia-1b-0.5MtokBS" && x.step === 572000)!;
    expect(v.tokens).toBe(572000 * 524_288);
  });
  it("filters by few-shot count", () => {
    const five = scaling.readPythiaDir(path.join(dir, "evals", "pythia-v1", "pythia-160m"), { shots: 5 });
    expect(five.length).toBeGreaterThan(0);
    expect(five.every((s) => s.shots === 5)).toBe(true);
  });
});

describeShared("original study's model table (real data)", "scaling/koyejolab", (dir) => {
  it("116 checkpoints, 6 families, compute = 6·N·D", () => {
    const models = scaling.readKoyejolabModels(path.join(dir, "configs", "models.csv"));
    expect(models).toHaveLength(116);
    expect(new Set(models.map((m) => m.family)).size).toBe(6);
    const p = models.find((m) => m.nickname === "Pythia_70M_300B")!;
    expect(p.compute).toBe(6 * 70e6 * 300e9);
    expect(models.filter((m) => m.tokens === 0).length).toBeGreaterThan(0);
  });
});

describeShared("U-shaped per-difficulty tables (real data)", "scaling/ushaped", (dir) => {
  const r = scaling.readUshapedDir(dir);
  it("reads all 31 CSVs, keeps annotations and counts blanks", () => {
    expect(r.files.length).toBe(31);
    expect(r.missing).toBeGreaterThan(0);
    const row = r.scores.find((s) => s.model === "meta-llama/Llama-2-7b-hf" && s.task === "mmlu" && s.group === "0-4680" && s.metric === "brier" && s.source.startsWith("data/mmlu/mmlu_instance_brier_-1000_31.622776601683793_3_redist.csv"))!;
    expect(row.value).toBeCloseTo(0.4062759890922986, 15);
    expect(row.compute).toBe(84 * 1e21);
    expect(r.scores.some((s) => (s.note ?? "").includes("should be rwkv-4"))).toBe(true);
  });
  it("file names describe task and grouping", () => {
    expect(scaling.describeUshapedFile("acc_mmlu_instance_brier_-1000_31.622776601683793_10_redist.csv")).toEqual({
      task: "mmlu", groupedBy: "acc", thresholds: [-1000, 31.622776601683793], groups: 10, distribution: "redist",
    });
  });
});

describeShared("ObsScaling tables (real data)", "scaling/obsscaling", (dir) => {
  it("reads 7 tables and joins metadata by model", () => {
    const r = scaling.readObsScalingDir(dir);
    expect(r.files.length).toBe(7);
    const e = r.scores.find((s) => s.model === "meta-llama/Llama-2-7b-hf" && s.task === "parsinlu_qa_2_acc")!;
    expect(e.value).toBeCloseTo(0.2514285714285714, 15);
    expect(e.family).toBe("Llama-2");
    expect(e.compute).toBe(84e21);
  });
});

it("importers reject malformed input with file, line and field", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scaling-bad-"));
  const csv = path.join(dir, "t.csv");
  fs.writeFileSync(csv, "Model,Model Family,Model Size (B),MMLU\nm1,F,7,0.5\nm2,F,big,0.4\n");
  expect(() => scaling.readObsScalingFile(csv)).toThrow(InputError);
  expect(() => scaling.readObsScalingFile(csv)).toThrow(/t\.csv:3 field 'Model Size \(B\)': expected a number, found 'big'/);
  fs.writeFileSync(csv, "Model,MMLU\nm1,0.5\nm2,n/a\n");
  expect(() => scaling.readObsScalingFile(csv)).toThrow(/t\.csv:3 field 'MMLU'/);
  const py = path.join(dir, "70m_step10.json");
  fs.writeFileSync(py, JSON.stringify({ results: { arc: { acc: "high" } }, config: { model_args: "revision=step10" } }));
  expect(() => scaling.readPythiaFile(py)).toThrow(/field 'results\.arc\.acc': expected a finite number/);
  fs.writeFileSync(py, JSON.stringify({ results: { arc: { acc: 0.3 } }, config: { model_args: "pretrained=x,revision=step11" } }));
  expect(() => scaling.readPythiaFile(py)).toThrow(/disagrees with the file name/);
  fs.unlinkSync(py);
  fs.writeFileSync(path.join(dir, "notes.json"), "{}");
  expect(() => scaling.readPythiaDir(dir)).toThrow(/not a Pythia\/OPT\/BLOOM evaluation file name/);
  expect(scaling.parseSize("1b7")).toBe(1.7e9);
  expect(scaling.parseSize("410m")).toBe(410e6);
});

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { describeShared } from "../helpers/shared";
import { loadSuperniTaskFile, loadSuperniTasksJsonl, loadTaskList } from "../../lib/data/superni/index";
import { loadBbhAccuracy, loadBbhCotDescription, loadBbhRelease, loadBigBenchTask } from "../../lib/data/bbh/index";
import { loadSelfInstructRelease } from "../../lib/data/self-instruct/index";
import { InputError } from "../../lib/util/errors";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "perfpred-data-"));
function write(name: string, text: string): string {
  const f = path.join(tmp, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
  return f;
}
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("SuperNI task files", () => {
  it("reads the original format (Definition as string or list, several outputs)", () => {
    const f = write(
      "task001_demo.json",
      JSON.stringify({
        Definition: "Answer yes or no",
        Categories: ["Answerability Classification"],
        "Positive Examples": [{ input: "q1", output: "yes", explanation: "because" }],
        "Negative Examples": [],
        Instances: [
          { id: "task001-1", input: "x", output: ["yes", "Yes."] },
          { id: "task001-2", input: "y", output: "no" },
        ],
      }),
    );
    const t = loadSuperniTaskFile(f);
    expect(t.task).toBe("task001_demo");
    expect(t.definition).toBe("Answer yes or no");
    expect(t.categories).toEqual(["Answerability Classification"]);
    expect(t.positiveExamples[0]).toEqual({ input: "q1", output: "yes", explanation: "because" });
    expect(t.instances[0].output).toEqual(["yes", "Yes."]);
    expect(t.instances[1].output).toEqual(["no"]);
    const g = write("task002_list.json", JSON.stringify({ Definition: ["First part.", "Second."], Instances: [{ input: "a", output: ["b"] }] }));
    const u = loadSuperniTaskFile(g);
    expect(u.definition).toBe("First part.");
    expect(u.definitionParts).toEqual(["First part.", "Second."]);
    expect(u.instances[0].id).toBeNull();
  });
  it("names file, line and field on bad input", () => {
    const f = write("bad.jsonl", '{"task":"t1","definition":["d"],"instances":[{"id":"a","input":"x","output":["y"]}]}\n{"task":"t2","definition":["d"],"instances":[{"id":"b","input":3,"output":["y"]}]}\n');
    const e = inputError(() => loadSuperniTasksJsonl(f));
    expect(e.file).toBe(f);
    expect(e.line).toBe(2);
    expect(e.field).toBe("instances[0].input");
    const g = write("bad2.jsonl", '{"task":"t1","definition":["d"],"instances":[{"input":"x","output":[]}]}\n');
    expect(inputError(() => loadSuperniTasksJsonl(g)).message).toMatch(/no reference output/);
    const h = write("dup.jsonl", '{"task":"t1","definition":"d","instances":[]}\n{"task":"t1","definition":"d","instances":[]}\n');
    expect(inputError(() => loadSuperniTasksJsonl(h)).message).toMatch(/repeats line 1/);
    const l = write("list.txt", "task1\ntask 2\n");
    expect(inputError(() => loadTaskList(l)).line).toBe(2);
  });
});

describe("BIG-bench-style tasks", () => {
  it("reads target strings, lists and target_scores", () => {
    const f = write(
      "bb/task.json",
      JSON.stringify({ name: "demo", description: "Pick.", examples: [{ input: "a", target: "b" }, { input: "c", target: ["d", "e"] }, { input: "f", target_scores: { x: 0, y: 1 } }] }),
    );
    const t = loadBigBenchTask(f);
    expect(t.examples.map((e) => e.target)).toEqual([["b"], ["d", "e"], ["y"]]);
    expect(t.description).toBe("Pick.");
  });
  it("reads accuracy and CoT descriptions strictly", () => {
    expect(loadBbhAccuracy(write("m.jsonl", '{"accuracy": 50.5, "accuracy_with_calc": 50.5}'))).toEqual({ accuracy: 50.5, accuracyWithCalc: 50.5 });
    expect(inputError(() => loadBbhAccuracy(write("m2.jsonl", '{"accuracy": 150}'))).field).toBe("accuracy");
    expect(loadBbhCotDescription(write("c.txt", "canary\n-----\nDo the thing.\n\nQ: ..."))).toBe("Do the thing.");
    expect(inputError(() => loadBbhCotDescription(write("c2.txt", "canary\nQ: x\n"))).line).toBe(2);
  });
});

describeShared("real SuperNI, BBH and self_instruct copies", "superni", (shared) => {
  const root = path.dirname(shared);
  it("loads the 106 extracted test tasks and the 119-task list", () => {
    const tasks = loadSuperniTasksJsonl(path.join(root, "superni", "test_tasks.jsonl"));
    expect(tasks.length).toBe(106);
    expect(tasks.reduce((s, t) => s + t.instances.length, 0)).toBe(3527);
    expect(tasks.filter((t) => t.instances.some((i) => i.id === null)).length).toBe(3);
    expect(loadTaskList(path.join(root, "superni", "splits", "default", "test_tasks.txt")).length).toBe(119);
  });
  it("loads the 27 BBH tasks with accuracies and descriptions", () => {
    const recs = loadBbhRelease(path.join(root, "bbh"));
    expect(recs.length).toBe(27);
    expect(recs.reduce((s, r) => s + r.nExamples, 0)).toBe(6511);
    const be = recs.find((r) => r.task === "boolean_expressions");
    expect(be).toMatchObject({ description: "Evaluate the result of a random Boolean expression.", direct: 88.4 });
  });
  it("loads 252 instructions and 8 aligned prediction files", () => {
    const rel = loadSelfInstructRelease(path.join(root, "self_instruct"));
    expect(rel.instructions.length).toBe(252);
    expect(rel.models.length).toBe(8);
    expect(rel.models.map((m) => m.model)).toContain("text-davinci-003");
  });
});

describeShared("real-label datasets of the study", "bbh", (bbhDir) => {
  const root = path.dirname(bbhDir);
  it("BBH: description texts and code-davinci-002 accuracies as in the files", async () => {
    const { bbhData, runExperiment, randomSplit, MEAN_FAMILY } = await import("../../lib/studies/perf-pred/index");
    const d = bbhData(bbhDir, "direct");
    expect(d.ids.length).toBe(27);
    const i = d.ids.indexOf("boolean_expressions");
    expect(d.y[i]).toBe(88.4);
    expect(d.texts[i]).toBe("Evaluate the result of a random Boolean expression.");
    expect(new Set(d.groups).size).toBe(23); // three 3-variant families collapse
    // mean-baseline RMSE recomputed by hand from the split
    const r = runExperiment(d, { seeds: [42], families: [MEAN_FAMILY] });
    const s = randomSplit(27, 42);
    const m = s.train.reduce((a, k) => a + d.y[k], 0) / s.train.length;
    const want = Math.sqrt(s.test.reduce((a, k) => a + (d.y[k] - m) ** 2, 0) / s.test.length);
    expect(r.results[0].testRmse).toBeCloseTo(want, 12);
  });
  it("self_instruct: per-instruction ROUGE-L, mean over the 8 models", async () => {
    const { selfInstructData } = await import("../../lib/studies/perf-pred/index");
    const { rougeL } = await import("../../lib/metrics/index");
    const all = selfInstructData(path.join(root, "self_instruct"));
    const one = selfInstructData(path.join(root, "self_instruct"), "text-davinci-003");
    expect(all.texts.length).toBe(252);
    const rel = loadSelfInstructRelease(path.join(root, "self_instruct"));
    const p = rel.models.find((m) => m.model === "text-davinci-003")!.predictions[5];
    expect(one.y[5]).toBeCloseTo(100 * rougeL(p.response, p.target), 12);
    const mean = rel.models.reduce((s, m) => s + 100 * rougeL(m.predictions[5].response, m.predictions[5].target), 0) / 8;
    expect(all.y[5]).toBeCloseTo(mean, 12);
    expect(() => selfInstructData(path.join(root, "self_instruct"), "gpt-5")).toThrow(/no predictions/);
  });
});

import { spawn, spawnSync } from "node:child_process";
import { startMockServer } from "../../lib/llm/mock/index";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
function cli(args: string[]): { code: number; out: string; err: string; lines: any[] } {
  const r = spawnSync(process.execPath, [path.join(root, "bin", "evalbook.js"), ...args], { cwd: root, encoding: "utf8", timeout: 240000 });
  const out = r.stdout ?? "";
  return { code: r.status ?? -1, out, err: r.stderr ?? "", lines: out.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l)) };
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "perfpred-cli-"));

describe("evalbook metrics", () => {
  it("writes one JSON line per input line with each metric", () => {
    const f = path.join(tmp, "preds.jsonl");
    fs.writeFileSync(f, ['{"id":"a","p":"The cat sat.","r":["the cat sat","x"]}', '{"id":"b","p":"running dogs","r":"the dog runs"}', ""].join("\n"));
    const r = cli(["metrics", "--input", f, "--pred", "p", "--ref", "r", "--metric", "rougeL", "--metric", "rougeL-nostem", "--metric", "exact_match", "--metric", "token_f1", "--keep", "id"]);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      { line: 1, id: "a", rougeL: 1, "rougeL-nostem": 1, exact_match: 1, token_f1: 1 },
      { line: 2, id: "b", rougeL: 0.4, "rougeL-nostem": 0, exact_match: 0, token_f1: 0 },
    ]);
    expect(r.err).toMatch(/rougeL 70\.0000/);
  });
  it("names file, line and field of bad input and rejects unknown metrics", () => {
    const f = path.join(tmp, "bad.jsonl");
    fs.writeFileSync(f, '{"p":"x","r":"y"}\n{"p":"x","r":[1]}\n');
    const r = cli(["metrics", "--input", f, "--pred", "p", "--ref", "r"]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe("evalbook: " + f + ":2 field 'r': expected a string or a non-empty list of strings");
    const u = cli(["metrics", "--input", f, "--pred", "p", "--ref", "r", "--metric", "bleu"]);
    expect(u.code).toBe(2);
  });
});

describe("evalbook perf-pred", () => {
  it("splits reproduces the original indices", { timeout: 60000 }, () => {
    const r = cli(["perf-pred", "splits", "--n", "119", "--seed", "42"]);
    expect(r.code).toBe(0);
    expect(r.lines[0].test).toEqual([45, 0, 97, 64, 96, 88, 73, 18, 117, 11, 4, 26]);
    expect(r.lines[0].dev).toEqual([110, 42, 40, 31, 56, 89, 112, 10, 95, 53, 90, 69]);
    expect(cli(["perf-pred", "splits", "--n", "2"]).code).toBe(2);
    expect(cli(["perf-pred", "splits", "--mode", "category"]).code).toBe(2);
  });
  it("runs and exports on a dataset CSV with the original columns", { timeout: 120000 }, () => {
    const csv = path.join(tmp, "ds.csv");
    const rows = ["task,definition,category,predict_rougeL,predict_exact_match,predict_avg_loss"];
    const words = ["classify the sentiment", "translate the sentence", "summarize the article", "answer the question"];
    for (let i = 0; i < 40; i++) rows.push(`t${i},"${words[i % 4]} number ${i}",c${i % 4},${20 * (i % 4) + (i % 3)},${10 * (i % 4)},${1 + (i % 5) / 10}`);
    fs.writeFileSync(csv, rows.join("\n") + "\n");
    const runDir = path.join(tmp, "run");
    const r = cli(["perf-pred", "run", "--data", csv, "--seeds", "42-44", "--no-mlp", "--run-dir", runDir]);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l.family)).toEqual(["mean", "ridge-tfidf", "knn-tfidf"]);
    const ridge = r.lines.find((l) => l.family === "ridge-tfidf");
    expect(ridge.meanRmse).toBeLessThan(r.lines[0].meanRmse);
    for (const f of ["results.json", "summary.csv", "categories.csv"]) expect(fs.existsSync(path.join(runDir, f))).toBe(true);
    const e = cli(["perf-pred", "export", "--data", csv, "--predictor", "ridge", "--out", path.join(tmp, "m.onnx")]);
    expect(e.code).toBe(0);
    expect(e.lines[0].maxAbsDiff).toBeLessThanOrEqual(1e-5);
    expect(fs.statSync(path.join(tmp, "m.onnx")).size).toBeGreaterThan(100);
    const bad = path.join(tmp, "bad.csv");
    fs.writeFileSync(bad, "task,definition,category,predict_rougeL\nt1,d,c,abc\n");
    const b = cli(["perf-pred", "run", "--data", bad]);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/bad\.csv:2 field 'predict_rougeL'/);
  });
  it("runs the offline pipeline (simulated evaluation, embeddings) end to end", { timeout: 120000 }, () => {
    const runDir = path.join(tmp, "offline");
    const r = cli(["perf-pred", "run", "--data", "offline", "--offline", "--embeddings", "--max-instances", "3", "--seeds", "42-43", "--no-mlp", "--run-dir", runDir]);
    expect(r.code).toBe(0);
    expect(r.lines.every((l) => l.simulated === true)).toBe(true);
    expect(r.lines.map((l) => l.family)).toEqual(["mean", "ridge-tfidf", "knn-tfidf", "ridge-emb", "knn-emb"]);
    const ds = fs.readFileSync(path.join(runDir, "dataset.csv"), "utf8").split("\n");
    expect(ds[0]).toBe("task,definition,category,predict_rougeL,predict_exact_match,predict_avg_loss");
    expect(ds[1].startsWith("pp001_sentiment_classification,")).toBe(true);
  });
  it("evaluate goes through a --role endpoint (the loopback server as an OpenAI-compatible API)", { timeout: 120000 }, async () => {
    const server = await startMockServer({});
    try {
      const runDir = path.join(tmp, "role-run");
      const args = [path.join(root, "bin", "evalbook.js"), "perf-pred", "evaluate", "--tasks", "data/perf-pred/tasks.jsonl", "--run-dir", runDir, "--role", "generator=openai-compatible:simulated/perf-pred@" + server.url, "--no-cache", "--max-instances", "2", "--order", "file", "--examples", "1"];
      const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
        const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
        let o = "";
        child.stdout.on("data", (d) => (o += d));
        child.on("close", (c) => resolve({ code: c ?? -1, out: o }));
      });
      expect(code).toBe(0);
      const res = JSON.parse(out.trim().split("\n").pop() as string);
      expect(res).toMatchObject({ tasks: 24, failed: 0, simulated: true });
      // 24 tasks x 2 instances x (generation + loss)
      expect(server.requests.filter((r) => r.path.endsWith("/completions")).length).toBe(96);
      const prompts = server.requests.map((r) => (r.body as { prompt?: string }).prompt ?? "");
      expect(prompts.some((p) => p.startsWith("Classify the sentiment of the review as positive or negative.\n\nInput: I loved every minute of this film.\nOutput: positive\n\nInput: Great service and friendly staff.\nOutput:"))).toBe(true);
      expect(fs.readFileSync(path.join(runDir, "dataset.csv"), "utf8").split("\n")[0]).toBe("task,definition,category,predict_rougeL,predict_exact_match,predict_avg_loss");
    } finally {
      await server.close();
    }
  });
});

import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readJson } from "../../lib/io/json";

const ROOT = process.cwd();
const FIX = path.join(ROOT, "tests/fixtures/correlations");
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/evalbook.js"), "correlations", ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const lines = (s: string) => s.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));

describe("evalbook correlations CLI", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corr-cli-"));

  it("scores → compute reproduces the scipy reference correlations", () => {
    const files: string[] = [];
    for (const m of fs.readdirSync(FIX).filter((d) => fs.statSync(path.join(FIX, d)).isDirectory())) {
      for (const f of fs.readdirSync(path.join(FIX, m))) files.push(path.join(FIX, m, f));
    }
    const r = cli("scores", ...files.flatMap((f) => ["--log-samples", f]), "-o", path.join(dir, "scores.jsonl"));
    expect(r.code, r.err).toBe(0);
    const rows = lines(fs.readFileSync(path.join(dir, "scores.jsonl"), "utf8"));
    expect(rows.length).toBe(965);
    expect(rows[0]).toHaveProperty("model");
    const c = cli("compute", "--scores", path.join(dir, "scores.jsonl"), "--models", path.join(FIX, "models.csv"), "--method", "kendall", "-o", path.join(dir, "out"));
    expect(c.code, c.err).toBe(0);
    const per = lines(fs.readFileSync(path.join(dir, "out", "correlations.jsonl"), "utf8"));
    const ref = readJson<{ correlations: { task: string; metric: string; method: string; correlations: number[] }[] }>(path.join(FIX, "expected.json"), { allowNaN: true });
    for (const e of ref.correlations.filter((x) => x.method === "kendall")) {
      e.correlations.forEach((v, j) => {
        const got = per.find((p) => p.task === e.task && p.metric === e.metric && p.sample_idx === j)!;
        if (Number.isNaN(v)) expect(got.correlation).toBeNull();
        else expect(Math.abs(got.correlation - v)).toBeLessThan(1e-12);
      });
    }
    const summary = readJson<{ metric: string; dropped: string[] }[]>(path.join(dir, "out", "summary.json"));
    expect(summary.length).toBe(ref.correlations.filter((x) => x.method === "kendall").length);
    expect(summary[0].dropped).toEqual(["Pythia_70M_0B"]);
  });

  it("simulate writes rows marked simulated, and compute carries the label", () => {
    const s = cli("simulate", "--samples", "40", "-o", path.join(dir, "sim"));
    expect(s.code, s.err).toBe(0);
    const first = JSON.parse(fs.readFileSync(path.join(dir, "sim", "scores.jsonl"), "utf8").split("\n")[0]);
    expect(first.simulated).toBe(true);
    const c = cli("compute", "--scores", path.join(dir, "sim", "scores.jsonl"), "--models", path.join(dir, "sim", "models.jsonl"), "--method", "spearman", "--metric", "log_prob_vocab_correct");
    expect(c.code, c.err).toBe(0);
    const out = lines(c.out);
    expect(out.length).toBe(41);
    expect(out[0].simulated).toBe(true);
    expect(out[40].summary[0].simulated).toBe(true);
    expect(out[40].summary[0].mean).toBeGreaterThan(0.8);
  });

  it("bad input and bad flags are one-line errors", () => {
    const bad = path.join(dir, "samples_arc_easy_2024-01-01T00-00-00.jsonl");
    fs.writeFileSync(bad, '{"doc_id": 0, "target": 0, "filtered_resps": [[-1, false], ["x", true]]}\n');
    const r = cli("scores", "--log-samples", bad);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toMatch(/^evalbook: .*samples_arc_easy_2024-01-01T00-00-00\.jsonl:1 field 'filtered_resps\[1\]': log-likelihood must be a number <= 0/);
    const m = cli("compute", "--scores", bad, "--models", path.join(FIX, "models.csv"), "--method", "tau");
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/--method takes pearson, spearman or kendall/);
  });

  it("llm-scores --offline scores the demo dataset through the loopback server", () => {
    const r = cli("llm-scores", "--offline", "3", "-o", path.join(dir, "llm.jsonl"));
    expect(r.code, r.err).toBe(0);
    const rows = lines(fs.readFileSync(path.join(dir, "llm.jsonl"), "utf8"));
    expect(rows.length).toBe(3 * 16 * 8);
    expect(rows.every((x) => x.simulated === true)).toBe(true);
  });
});

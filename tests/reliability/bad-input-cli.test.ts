/**
 * Bad-input corpus against every CLI command that reads user files (issue
 * 10, item 3). Table-driven: one row per (command, bad file, expected
 * outcome). A refused input must exit non-zero with ONE line
 * `evalbook: <file>:<line> field '<f>': ...` (as far as applicable), no stack
 * trace, no "internal error", nothing on stdout and no output file left
 * behind; an accepted one exits 0. The rows run through the CLI's own
 * `main()` in this process (the exact code bin/evalbook.js calls, minus tsx
 * registration and process.exit); a few rows also run through the real
 * bin in child processes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../lib/cli/main";
import { runCli } from "../helpers/cli";

const ROOT = process.cwd();
const COMMANDS = path.join(ROOT, "lib", "cli", "commands");
const BAD = path.join(ROOT, "tests", "fixtures", "bad");
const bad = (name: string) => path.join(BAD, name);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Run main() with stdout/stderr captured. */
async function runMain(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  let stdout = "";
  let stderr = "";
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stdout += String(chunk);
    const cb = rest.find((x) => typeof x === "function") as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stderr += String(chunk);
    const cb = rest.find((x) => typeof x === "function") as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(argv, COMMANDS);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-badcli-" + prefix + "-"));
}

/** Copy a bad file into a fresh folder under another name (loaders that read names or folders). */
function placed(name: string, rel: string): { dir: string; file: string } {
  const dir = tmp("placed");
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(bad(name), file);
  return { dir, file };
}

interface Row {
  /** Label. */
  what: string;
  /** Builds argv; `out` is a fresh path (under a fresh folder) for outputs, which must not exist after a refusal. */
  argv: (out: string) => string[];
  /** The file named in the error (default: none checked). */
  file?: string;
  /** Expected: "ok" (exit 0) or the regex the single error line must match. */
  expect: "ok" | RegExp;
  /** The command reports bad rows on stdout (and exits 1) instead of one stderr line: the report must match. */
  stdoutReport?: RegExp;
  /** For "ok": a check of stdout. */
  check?: (stdout: string, out: string) => void;
}

const metrics = (f: string, field = "output") => ["metrics", "--input", f, "--pred", field, "--ref", field];
const modelsCsv = path.join(ROOT, "tests", "fixtures", "correlations", "models.csv");
const goodScores = () => {
  const f = path.join(tmp("scores"), "scores.jsonl");
  const rows = [];
  for (const model of ["Pythia_70M_2B", "Pythia_160M_20B", "Pythia_410M_60B"]) for (let i = 0; i < 3; i++) rows.push({ model, task: "arc_easy", sample_idx: i, metric: "log_prob_vocab", score: -1.5 - i / 10 });
  fs.writeFileSync(f, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return f;
};
const stGen = (f: string, out: string) => ["self-taught", "generate", "--offline", "--run-dir", out, "--instructions", f, "--n-train", "1", "--n-eval", "1", "--no-cache"];

const ROWS: Row[] = [
  // metrics --input
  ...(["truncated.jsonl:2", "invalid.jsonl:2", "not-object.jsonl:2", "latin1.jsonl:2", "nan.jsonl:1"] as const).map((s): Row => {
    const [name, line] = s.split(":");
    return { what: "metrics × " + name, argv: () => metrics(bad(name)), file: bad(name), expect: new RegExp(":" + line + "\\b") };
  }),
  { what: "metrics × empty.jsonl", argv: () => metrics(bad("empty.jsonl")), file: bad("empty.jsonl"), expect: /empty/ },
  { what: "metrics × missing-field.jsonl", argv: () => metrics(bad("missing-field.jsonl")), file: bad("missing-field.jsonl"), expect: /:1 field 'output'/ },
  { what: "metrics × wrong-types.jsonl", argv: () => metrics(bad("wrong-types.jsonl"), "instruction"), file: bad("wrong-types.jsonl"), expect: /:2 field 'instruction'/ },
  { what: "metrics × bom.jsonl (accepted)", argv: () => metrics(bad("bom.jsonl"), "instruction"), expect: "ok", check: (s) => expect(s.trim().split("\n")).toHaveLength(2) },
  { what: "metrics × placeholders.jsonl (accepted)", argv: () => metrics(bad("placeholders.jsonl")), expect: "ok", check: (s) => expect(s.trim().split("\n")).toHaveLength(2) },
  { what: "metrics × missing file", argv: () => metrics(bad("nope.jsonl")), file: bad("nope.jsonl"), expect: /file not found/ },
  // perf-pred splits --input
  { what: "perf-pred splits × missing-column.csv", argv: () => ["perf-pred", "splits", "--mode", "category", "--input", bad("missing-column.csv"), "--field", "category"], file: bad("missing-column.csv"), expect: /:1 field 'category'/ },
  { what: "perf-pred splits × ragged.csv", argv: () => ["perf-pred", "splits", "--mode", "category", "--input", bad("ragged.csv"), "--field", "a"], file: bad("ragged.csv"), expect: /:2\b/ },
  { what: "perf-pred splits × empty.csv", argv: () => ["perf-pred", "splits", "--mode", "category", "--input", bad("empty.csv"), "--field", "a"], file: bad("empty.csv"), expect: /empty/ },
  { what: "perf-pred splits × missing-field.jsonl", argv: () => ["perf-pred", "splits", "--mode", "category", "--input", bad("missing-field.jsonl"), "--field", "category"], file: bad("missing-field.jsonl"), expect: /:1 field 'category'/ },
  { what: "perf-pred run --data × missing-column.csv", argv: () => ["perf-pred", "run", "--data", bad("missing-column.csv")], file: bad("missing-column.csv"), expect: /:1 field '(task|definition|category)'/ },
  { what: "perf-pred evaluate --tasks × truncated.jsonl", argv: (o) => ["perf-pred", "evaluate", "--tasks", bad("truncated.jsonl"), "--run-dir", o, "--offline"], file: bad("truncated.jsonl"), expect: /:2\b/ },
  // correlations scores --log-samples / compute --scores --models / llm-scores --dataset
  { what: "correlations scores × truncated.jsonl", argv: (o) => ["correlations", "scores", "--log-samples", bad("truncated.jsonl"), "--task", "arc_easy", "-o", o], file: bad("truncated.jsonl"), expect: /:2\b/ },
  { what: "correlations scores × latin1.jsonl", argv: (o) => ["correlations", "scores", "--log-samples", bad("latin1.jsonl"), "--task", "arc_easy", "-o", o], file: bad("latin1.jsonl"), expect: /:2\b.*UTF-8/ },
  { what: "correlations scores × missing-field.jsonl", argv: (o) => ["correlations", "scores", "--log-samples", bad("missing-field.jsonl"), "--task", "arc_easy", "-o", o], file: bad("missing-field.jsonl"), expect: /:1 field/ },
  { what: "correlations compute --scores × truncated.jsonl", argv: (o) => ["correlations", "compute", "--scores", bad("truncated.jsonl"), "--models", modelsCsv, "-o", o], file: bad("truncated.jsonl"), expect: /:2\b/ },
  { what: "correlations compute --scores × nan.jsonl", argv: (o) => ["correlations", "compute", "--scores", bad("nan.jsonl"), "--models", modelsCsv, "-o", o], file: bad("nan.jsonl"), expect: /:1 field/ },
  { what: "correlations compute --models × missing-column.csv", argv: (o) => ["correlations", "compute", "--scores", goodScores(), "--models", bad("missing-column.csv"), "-o", o], file: bad("missing-column.csv"), expect: /:1 field/ },
  { what: "correlations compute --models × truncated.jsonl", argv: (o) => ["correlations", "compute", "--scores", goodScores(), "--models", bad("truncated.jsonl"), "-o", o], file: bad("truncated.jsonl"), expect: /:(1|2)\b/ },
  { what: "correlations llm-scores --dataset × truncated.jsonl", argv: (o) => ["correlations", "llm-scores", "--dataset", bad("truncated.jsonl"), "--offline", "2", "-o", o], file: bad("truncated.jsonl"), expect: /:(1|2)\b/ },
  { what: "correlations llm-scores --dataset × missing-field.jsonl", argv: (o) => ["correlations", "llm-scores", "--dataset", bad("missing-field.jsonl"), "--offline", "2", "-o", o], file: bad("missing-field.jsonl"), expect: /:1 field/ },
  // self-taught --instructions
  { what: "self-taught generate --instructions × truncated.jsonl", argv: (o) => stGen(bad("truncated.jsonl"), o), file: bad("truncated.jsonl"), expect: /:2\b/ },
  { what: "self-taught generate --instructions × wrong-types.jsonl", argv: (o) => stGen(bad("wrong-types.jsonl"), o), file: bad("wrong-types.jsonl"), expect: /:2 field 'id': expected a string/ },
  { what: "self-taught generate --instructions × missing-field.jsonl", argv: (o) => stGen(bad("missing-field.jsonl"), o), file: bad("missing-field.jsonl"), expect: /:1 field 'instruction'/ },
  { what: "self-taught generate --instructions × dup-ids.jsonl", argv: (o) => stGen(bad("dup-ids.jsonl"), o), file: bad("dup-ids.jsonl"), expect: /:2 field 'id': duplicate id 'a' \(first on line 1\)/ },
  { what: "self-taught generate --instructions × latin1.jsonl", argv: (o) => stGen(bad("latin1.jsonl"), o), file: bad("latin1.jsonl"), expect: /:2\b.*UTF-8/ },
  { what: "self-taught generate --instructions × empty.jsonl", argv: (o) => stGen(bad("empty.jsonl"), o), file: bad("empty.jsonl"), expect: /empty/ },
  {
    what: "self-taught generate --instructions × placeholders.jsonl (accepted, braces kept literally)",
    argv: (o) => stGen(bad("placeholders.jsonl"), o),
    expect: "ok",
    check: (_s, o) => {
      const recs = fs.readFileSync(path.join(o, "train-generate.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).value as { instruction: string });
      expect(recs).toHaveLength(1);
      expect(["Compare {response} with {instruction} and say which is better.", "Fill in {0}, {} and {{double}} braces."]).toContain(recs[0].instruction);
    },
  },
  // judge-eval --path / --verdicts
  (() => {
    const p = placed("truncated.jsonl", "Natural/dataset.json");
    return { what: "judge-eval llmbar --path × folder without result.json", argv: () => ["judge-eval", "--dataset", "llmbar", "--path", p.dir], file: p.dir, expect: /no recorded judge results/ } as Row;
  })(),
  { what: "judge-eval autoj --path × truncated.jsonl", argv: () => ["judge-eval", "--dataset", "autoj", "--path", bad("truncated.jsonl")], file: bad("truncated.jsonl"), expect: /:2\b/ },
  { what: "judge-eval autoj --path × wrong-types.jsonl", argv: () => ["judge-eval", "--dataset", "autoj", "--path", bad("wrong-types.jsonl")], file: bad("wrong-types.jsonl"), expect: /:(1|2) field/ },
  // skill-mix --skills / --topics
  { what: "skill-mix sample --skills × renamed-column.csv", argv: () => ["skill-mix", "sample", "--skills", bad("renamed-column.csv"), "--k", "2"], file: bad("renamed-column.csv"), expect: /:1 field 'skill'/ },
  { what: "skill-mix sample --skills × empty.csv", argv: () => ["skill-mix", "sample", "--skills", bad("empty.csv"), "--k", "2"], file: bad("empty.csv"), expect: /empty/ },
  { what: "skill-mix sample --skills × latin1.csv", argv: () => ["skill-mix", "sample", "--skills", bad("latin1.csv"), "--k", "2"], file: bad("latin1.csv"), expect: /:2\b.*UTF-8/ },
  { what: "skill-mix sample --topics × latin1.txt", argv: () => ["skill-mix", "sample", "--topics", bad("latin1.txt"), "--k", "2"], file: bad("latin1.txt"), expect: /:2\b.*UTF-8/ },
  (() => {
    const p = placed("empty.csv", "topics.txt");
    return { what: "skill-mix sample --topics × empty file", argv: () => ["skill-mix", "sample", "--topics", p.file, "--k", "2"], file: p.file, expect: /no topics/ } as Row;
  })(),
  (() => {
    const p = placed("truncated.jsonl", "k2_s0_v1_r1/model/graded/by_g_on_text_1_1_v1/records.csv");
    return { what: "skill-mix aggregate --runs × bad records.csv", argv: () => ["skill-mix", "aggregate", "--runs", p.dir, "--k", "2"], file: p.file, expect: /./ } as Row;
  })(),
  // sciriff score --pred-dir
  (() => {
    const p = placed("truncated.jsonl", "scifact_entailment/samples_scifact_entailment.jsonl");
    return { what: "sciriff score --pred-dir × truncated samples", argv: (o) => ["sciriff", "score", "--pred-dir", p.dir, "--metrics-dir", o, "--no-judge"], file: p.file, expect: /:2\b/ } as Row;
  })(),
  (() => {
    const p = placed("latin1.jsonl", "scifact_entailment/samples_scifact_entailment.jsonl");
    return { what: "sciriff score --pred-dir × latin1 samples", argv: (o) => ["sciriff", "score", "--pred-dir", p.dir, "--metrics-dir", o, "--no-judge"], file: p.file, expect: /:2\b.*UTF-8/ } as Row;
  })(),
  // together files validate / finetune create --training-file (dry run)
  // validate reports every bad row on stdout (its documented output) and exits 1.
  { what: "together files validate × truncated.jsonl", argv: () => ["together", "files", "validate", bad("truncated.jsonl")], expect: /./, stdoutReport: new RegExp(esc(bad("truncated.jsonl")) + '[\\s\\S]*"line":\\s*1\\b') },
  { what: "together files validate × latin1.jsonl", argv: () => ["together", "files", "validate", bad("latin1.jsonl")], file: bad("latin1.jsonl"), expect: /:2\b.*UTF-8/ },
  { what: "together finetune create --dry-run × latin1.jsonl", argv: () => ["together", "finetune", "create", "--dry-run", "--model", "m", "--training-file", bad("latin1.jsonl"), "--base-url", "http://127.0.0.1:9/v1"], file: bad("latin1.jsonl"), expect: /:2\b.*UTF-8/ },
];

// More commands that read user files.
{
  const nb = placed("truncated.json", "broken.ipynb");
  const meta = placed("truncated.json", "meta.json");
  const models = placed("missing-column.csv", "configs/models.csv");
  const ll = placed("truncated.json", "Natural/dataset.json");
  ROWS.push(
    { what: "run NOTEBOOK × truncated .ipynb", argv: (o) => ["run", nb.file, "-o", o], file: nb.file, expect: /invalid JSON/ },
    { what: "cache explain --request × truncated.json", argv: () => ["cache", "explain", "--dir", tmp("cache"), "--request", bad("truncated.json")], file: bad("truncated.json"), expect: /invalid JSON|cannot read a JSON object/ },
    { what: "usage RUN_DIR × truncated meta.json", argv: () => ["usage", meta.dir], file: meta.file, expect: /invalid JSON|not a run metadata file/ },
    { what: "correlations import --format koyejolab × missing-column models.csv", argv: (o) => ["correlations", "import", models.file, "--format", "koyejolab", "-o", o], file: models.file, expect: /:1 field/ },
    { what: "skill-mix run --skills × renamed-column.csv", argv: (o) => ["skill-mix", "run", "--offline", "--out", o, "--skills", bad("renamed-column.csv"), "--k", "2", "--n", "1"], file: bad("renamed-column.csv"), expect: /:1 field 'skill'/ },
    { what: "self-taught judge-real autoj --path × truncated.jsonl", argv: (o) => ["self-taught", "judge-real", "--offline", "--run-dir", o, "--dataset", "autoj", "--path", bad("truncated.jsonl")], file: bad("truncated.jsonl"), expect: /:2\b/ },
    { what: "self-taught judge-real llmbar --path × truncated dataset.json", argv: (o) => ["self-taught", "judge-real", "--offline", "--run-dir", o, "--dataset", "llmbar", "--path", ll.dir], file: ll.file, expect: /invalid JSON/ },
  );
}

// Output targets that cannot be written: a path under a regular file (the portable stand-in for a read-only or full disk here).
const blocker = path.join(tmp("blocker"), "a-file");
fs.writeFileSync(blocker, "not a directory\n");
const arcEasy = path.join(ROOT, "tests", "fixtures", "correlations", "Pythia_70M_2B", "samples_arc_easy_2024-05-31T12-00-00.000000.jsonl");
ROWS.push(
  { what: "correlations scores -o under a regular file", argv: () => ["correlations", "scores", "--log-samples", arcEasy, "-o", path.join(blocker, "out.jsonl")], expect: /\((EEXIST|ENOTDIR)\); nothing was written/ },
  { what: "self-taught generate --run-dir under a regular file", argv: () => stGen(bad("placeholders.jsonl"), path.join(blocker, "run")), expect: /\(ENOTDIR\); nothing was written/ },
  { what: "sciriff score --metrics-dir under a regular file", argv: () => ["sciriff", "score", "--pred-dir", path.join(ROOT, "data", "sciriff", "predictions", "sim-weak"), "--metrics-dir", path.join(blocker, "m"), "--no-judge"], expect: /ENOTDIR\); nothing was written/ },
);

describe("CLI commands × bad files (in-process main)", () => {
  for (const row of ROWS) {
    it(row.what, async () => {
      const outDir = tmp("out");
      const out = path.join(outDir, "result");
      const r = await runMain(row.argv(out));
      expect(r.stderr, "stack trace").not.toMatch(/^\s+at /m);
      expect(r.stderr).not.toMatch(/internal error/);
      if (row.expect === "ok") {
        expect(r.code, r.stderr).toBe(0);
        row.check?.(r.stdout, out);
        return;
      }
      expect(r.code, r.stdout + r.stderr).not.toBe(0);
      if (row.stdoutReport) {
        expect(r.stdout).toMatch(row.stdoutReport);
        return;
      }
      const lines = r.stderr.split("\n").filter((l) => l.startsWith("evalbook: "));
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(row.expect);
      if (row.file) expect(lines[0]).toMatch(new RegExp("^evalbook: " + esc(row.file)));
      // Never partial outputs.
      expect(r.stdout.trim(), "stdout after a refusal").toBe("");
      expect(fs.existsSync(out) ? listFiles(out) : [], "output left behind").toEqual([]);
    }, 60_000);
  }
});

function listFiles(p: string): string[] {
  if (fs.statSync(p).isFile()) return [p];
  return (fs.readdirSync(p, { recursive: true }) as string[]).filter((f) => /\.(jsonl|json|tsv|csv)$/.test(f) && !/^(meta|split)\.json$/.test(path.basename(f))).filter((f) => !/failures\.jsonl$/.test(f));
}

describe("the real bin (child processes) prints the same single line", () => {
  it("metrics, correlations compute and skill-mix sample refuse bad files with one line and exit 1", async () => {
    const runs = await Promise.all([
      runCli(metrics(bad("truncated.jsonl"))),
      runCli(["correlations", "compute", "--scores", bad("nan.jsonl"), "--models", modelsCsv]),
      runCli(["skill-mix", "sample", "--skills", bad("renamed-column.csv"), "--k", "2"]),
    ]);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr.trim().split("\n").filter((l) => l.startsWith("evalbook: "))).toHaveLength(1);
      expect(r.stderr).not.toMatch(/^\s+at |internal error/m);
      expect(r.stdout).toBe("");
    }
    expect(runs[0].stderr).toMatch(new RegExp("^evalbook: " + esc(bad("truncated.jsonl")) + ":2: invalid JSON"));
  }, 120_000);
});

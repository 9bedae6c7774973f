/**
 * Bad-input corpus against every loader of user files (issue 10, item 3).
 * Two tables:
 *  1. generic files checked in under tests/fixtures/bad/ through the lib/io readers;
 *  2. for each study/data loader, variants derived from a GOOD file of its
 *     own format (tests/reliability/bad-variants.ts): BOM / CRLF / blank lines
 *     must give the same result; empty, truncated, invalid, non-UTF-8,
 *     wrong-typed, ragged, missing/renamed columns must be an InputError naming
 *     the file and line; duplicates and NaN are accepted without dropping a
 *     row, or refused at the right line.
 * A loader that throws anything but an InputError, or drops a row, fails.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readJsonl, readJsonlRows } from "../../lib/io/jsonl";
import { readJson } from "../../lib/io/json";
import { readCsv } from "../../lib/io/csv";
import { readText } from "../../lib/io/text";
import { InputError } from "../../lib/util/errors";
import { loadBuiltinInstructions } from "../../lib/studies/self-taught/instructions";
import { readMcDataset } from "../../lib/studies/correlations/scorer";
import { readModels } from "../../lib/studies/correlations/models";
import { readLogSamples } from "../../lib/studies/correlations/log-samples";
import { readScoreRows } from "../../lib/studies/correlations/score-table";
import { loadInstances } from "../../lib/studies/sciriff/predict/instances";
import { loadSamples } from "../../lib/studies/sciriff/predictions/load-samples";
import { loadSkills } from "../../lib/data/skillmix/skills";
import { loadTopics } from "../../lib/data/skillmix/topics";
import { readKoyejolabModels } from "../../lib/data/scaling/koyejolab";
import { loadSuperniTasksJsonl } from "../../lib/data/superni/load";
import { loadSelfInstructInstructions, loadSelfInstructPredictions } from "../../lib/data/self-instruct/index";
import { loadAutoJPairs } from "../../lib/data/judge/autoj";
import { describeShared } from "../helpers/shared";
import { loadBigBenchTask } from "../../lib/data/bbh/index";
import { loadLlmbarDataset } from "../../lib/data/judge/llmbar";
import { readPythiaFile } from "../../lib/data/scaling/pythia";
import { validateTrainingFile } from "../../lib/together/files/validate";
import { fillPrompt } from "../../lib/prompts/template";
import { headLines, variantsOf, writeVariant, type Format } from "./bad-variants";

const ROOT = process.cwd();
const BAD = path.join(ROOT, "tests", "fixtures", "bad");
const bad = (name: string) => path.join(BAD, name);

/** Run a loader; return its value or the InputError (anything else is rethrown: a crash). */
function outcome<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: InputError } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: e };
    throw new Error("not an InputError: " + (e instanceof Error ? e.name + ": " + e.message : String(e)));
  }
}

function expectInputError(fn: () => unknown, file: string, line?: number, field?: RegExp): InputError {
  const r = outcome(fn);
  if (r.ok) throw new Error("accepted bad input " + file);
  expect(r.error.file).toBe(file);
  expect(r.error.message.startsWith(file)).toBe(true);
  expect(r.error.message).not.toMatch(/\n/);
  if (line !== undefined) expect(r.error.line, r.error.message).toBe(line);
  if (field) expect(r.error.field ?? "", r.error.message).toMatch(field);
  return r.error;
}

describe("generic corpus (tests/fixtures/bad) through the lib/io readers", () => {
  type Row = [reader: string, file: string, expected: "ok" | { line?: number; field?: RegExp; message: RegExp }, check?: (v: unknown) => void];
  const readers: Record<string, (f: string) => unknown> = {
    readJsonl: (f) => readJsonl(f),
    "readJsonl(allowNaN)": (f) => readJsonl(f, { allowNaN: true }),
    readJson: (f) => readJson(f),
    "readJson(allowNaN)": (f) => readJson(f, { allowNaN: true }),
    readCsv: (f) => readCsv(f, { required: ["a", "b"] }),
    "readCsv(skills)": (f) => readCsv(f, { required: ["skill", "definition"] }),
    readText: (f) => readText(f),
  };
  const rows: Row[] = [
    ["readJsonl", "truncated.jsonl", { line: 2, message: /invalid JSON/ }],
    ["readJsonl", "invalid.jsonl", { line: 2, message: /invalid JSON/ }],
    ["readJsonl", "empty.jsonl", { message: /empty/ }],
    ["readJsonl", "blank-only.jsonl", { message: /empty/ }],
    ["readJsonl", "not-object.jsonl", { line: 2, message: /JSON object/ }],
    ["readJsonl", "nan.jsonl", { line: 1, message: /invalid JSON/ }],
    ["readJsonl(allowNaN)", "nan.jsonl", "ok", (v) => expect(v).toEqual([{ id: "a", instruction: "x", score: NaN, acc: Infinity, loss: -Infinity }])],
    ["readJsonl", "bom.jsonl", "ok", (v) => expect((v as unknown[]).length).toBe(2)],
    ["readJsonl", "latin1.jsonl", { line: 2, message: /UTF-8/ }],
    ["readJsonl", "dup-ids.jsonl", "ok", (v) => expect((v as unknown[]).length).toBe(2)],
    ["readJsonl", "wrong-types.jsonl", "ok", (v) => expect((v as unknown[]).length).toBe(2)],
    ["readJsonl", "placeholders.jsonl", "ok", (v) => expect((v as { instruction: string }[])[0].instruction).toBe("Compare {response} with {instruction} and say which is better.")],
    ["readJson", "truncated.json", { message: /invalid JSON/ }],
    ["readJson", "empty.json", { message: /empty|invalid JSON/ }],
    ["readJson", "nan.json", { message: /invalid JSON/ }],
    ["readJson(allowNaN)", "nan.json", "ok", (v) => expect(v).toEqual({ x: NaN, y: Infinity })],
    ["readJson", "latin1.jsonl", { line: 2, message: /UTF-8/ }],
    ["readCsv", "missing-column.csv", { line: 1, field: /^a$/, message: /missing required column/ }],
    ["readCsv(skills)", "renamed-column.csv", { line: 1, field: /^skill$/, message: /missing required column/ }],
    ["readCsv", "empty.csv", { message: /empty/ }],
    ["readCsv", "unterminated-quote.csv", { line: 2, message: /unterminated/ }],
    ["readCsv", "ragged.csv", { line: 2, message: /expected 2 fields, found 3/ }],
    ["readCsv", "latin1.csv", { line: 2, message: /UTF-8/ }],
    ["readCsv", "bom.csv", "ok", (v) => expect((v as { columns: string[] }).columns).toEqual(["a", "b"])],
    ["readText", "latin1.txt", { line: 2, message: /UTF-8/ }],
    ["readText", "does-not-exist.txt", { message: /file not found/ }],
  ];
  for (const [reader, name, expected, check] of rows) {
    it(reader + " × " + name + " → " + (expected === "ok" ? "accepted" : String(expected.message)), () => {
      const file = bad(name);
      if (expected === "ok") {
        const r = outcome(() => readers[reader](file));
        if (!r.ok) throw new Error("refused good-enough input: " + r.error.message);
        check?.(r.value);
      } else {
        const e = expectInputError(() => readers[reader](file), file, expected.line, expected.field);
        expect(e.message).toMatch(expected.message);
      }
    });
  }

  it("a huge line (8 MB) is read whole, or refused with its line; never a crash", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-bad-huge-"));
    const file = path.join(dir, "huge.jsonl");
    const big = "x".repeat(8 * 1024 * 1024);
    fs.writeFileSync(file, '{"id":"a","instruction":"short"}\n{"id":"b","instruction":"' + big + '"}\n{"id":"c","instruction":"after"}\n');
    const rows = readJsonlRows<{ id: string; instruction: string }>(file);
    expect(rows.map((r) => [r.line, r.value.id])).toEqual([[1, "a"], [2, "b"], [3, "c"]]);
    expect(rows[1].value.instruction.length).toBe(big.length);
    const broken = path.join(dir, "huge-broken.jsonl");
    fs.writeFileSync(broken, '{"id":"a"}\n{"id":"b","instruction":"' + big + "\n");
    const e = expectInputError(() => readJsonlRows(broken), broken, 2);
    expect(e.message.length).toBeLessThan(400); // the message never echoes the line
  });

  it("instructions with template placeholders are data: filling a prompt never expands them", () => {
    const rows = readJsonl<{ instruction: string; output: string }>(bad("placeholders.jsonl"));
    for (const r of rows) {
      const filled = fillPrompt("Instruction: {instruction}\nResponse: {response}", { instruction: r.instruction, response: r.output });
      expect(filled).toBe("Instruction: " + r.instruction + "\nResponse: " + r.output);
    }
  });
});

/** A loader of one format, the good file its variants come from, and how many rows its result has. */
interface LoaderRow {
  name: string;
  good: string;
  format: Format;
  /** Lines of the good file to keep (variants need at least 3 rows). */
  head?: number;
  load: (file: string) => unknown;
  rows: (v: unknown) => number;
  /** Where a variant goes inside its temporary folder (default the good file's base name). */
  rel?: string;
  /** A column the loader requires (dropped by the missing-column variant; default the first). */
  requiredColumn?: string;
  /** Variants this loader documents differently: name → expected override. */
  override?: Record<string, "same" | "error" | "ok-or-error" | "skip">;
}

const len = (v: unknown) => (v as unknown[]).length;
const P = (...p: string[]) => path.join(ROOT, ...p);
const firstFile = (dir: string, re: RegExp) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true } as never) as unknown as fs.Dirent[]) {
    const full = path.join((e as unknown as { parentPath?: string; path?: string }).parentPath ?? (e as unknown as { path: string }).path, e.name);
    if (e.isFile() && re.test(e.name)) return full;
  }
  throw new Error("no file matching " + re + " under " + dir);
};

function makeScoresFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-scores-"));
  const f = path.join(dir, "scores.jsonl");
  const rows = [];
  for (const model of ["m1", "m2"]) for (let i = 0; i < 3; i++) rows.push({ model, task: "arc_easy", sample_idx: i, metric: "log_prob_vocab", score: -1.5 - i / 10 });
  fs.writeFileSync(f, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return f;
}

function makeSelfInstructFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-si-"));
  const f = path.join(dir, "user_oriented_instructions.jsonl");
  const rows = [0, 1, 2, 3].map((i) => ({ id: "user_oriented_task_" + i, motivation_app: "Grammarly", instruction: "Rewrite sentence " + i + ".", instances: [{ input: "in " + i, output: "out " + i }] }));
  fs.writeFileSync(f, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return f;
}

function makeTrainingFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-train-"));
  const f = path.join(dir, "train.jsonl");
  const rows = [0, 1, 2, 3].map((i) => ({ messages: [{ role: "user", content: "question " + i }, { role: "assistant", content: "answer " + i }] }));
  fs.writeFileSync(f, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return f;
}

const LOADERS: LoaderRow[] = [
  { name: "self-taught loadBuiltinInstructions", good: P("data", "self-taught", "instructions.jsonl"), format: "jsonl", head: 5, load: loadBuiltinInstructions, rows: len },
  { name: "correlations readMcDataset", good: P("data", "correlations", "mc_demo.jsonl"), format: "jsonl", head: 5, load: (f) => readMcDataset(f), rows: len },
  { name: "correlations readModels (CSV)", good: P("tests", "fixtures", "correlations", "models.csv"), format: "csv", head: 6, load: readModels, rows: len },
  { name: "scaling readKoyejolabModels", good: P("tests", "fixtures", "correlations", "models.csv"), format: "csv", head: 6, load: readKoyejolabModels, rows: len },
  { name: "correlations readLogSamples", good: firstFile(P("tests", "fixtures", "correlations", "Pythia_70M_2B"), /^samples_arc_easy_/), format: "jsonl", head: 5, load: (f) => readLogSamples(f), rows: (v) => (v as { samples: unknown[] }).samples.length },
  { name: "correlations readScoreRows", good: makeScoresFile(), format: "jsonl", load: readScoreRows, rows: len },
  { name: "sciriff loadInstances", good: P("data", "sciriff", "instances", "scifact_entailment.jsonl"), format: "jsonl", head: 5, load: loadInstances, rows: len },
  { name: "sciriff loadSamples", good: firstFile(P("data", "sciriff", "predictions", "sim-weak"), /^samples_scifact/), format: "jsonl", head: 5, load: loadSamples, rows: len },
  { name: "skill-mix loadSkills", good: P("data", "skill-mix", "skills.csv"), format: "csv", head: 6, requiredColumn: "definition", load: (f) => loadSkills(f), rows: (v) => (v as { skills: unknown[]; excluded: unknown[] }).skills.length + (v as { excluded: unknown[] }).excluded.length },
  { name: "skill-mix loadTopics", good: P("data", "skill-mix", "topics.txt"), format: "text", head: 5, load: loadTopics, rows: len },
  { name: "data loadSelfInstructInstructions", good: makeSelfInstructFile(), format: "jsonl", load: loadSelfInstructInstructions, rows: len },
  { name: "superni loadSuperniTasksJsonl", good: P("data", "perf-pred", "tasks.jsonl"), format: "jsonl", head: 4, load: loadSuperniTasksJsonl, rows: len },
  {
    name: "together validateTrainingFile (problems listed, not thrown)",
    good: makeTrainingFile(),
    format: "jsonl",
    load: (f) => {
      const v = validateTrainingFile(f) as unknown as { ok?: boolean; problems?: { line?: number; message?: string }[] };
      if (v.ok === false || (v.problems && v.problems.length > 0)) {
        const p = v.problems?.[0];
        throw new InputError({ file: f, line: p?.line }, String((p as { problem?: string } | undefined)?.problem ?? p?.message ?? "invalid"));
      }
      return v;
    },
    rows: (v) => (v as { rows?: number; nRows?: number; lines?: number }).rows ?? (v as { nRows?: number }).nRows ?? 4,
    // Together rejects empty lines; the validator reports them (documented in lib/together).
    override: { "trailing-blank-lines": "error" },
  },
];

/** Loaders of the public datasets, with good files taken from ../shared/data (by path, never copied). */
const SHARED_LOADERS = (d: string): LoaderRow[] => [
  { name: "self-instruct loadSelfInstructInstructions (real file)", good: path.join(d, "self_instruct", "user_oriented_instructions.jsonl"), format: "jsonl", head: 4, load: loadSelfInstructInstructions, rows: len },
  { name: "self-instruct loadSelfInstructPredictions (real file)", good: path.join(d, "self_instruct", "predictions", "text-davinci-003_predictions.jsonl"), format: "jsonl", head: 4, load: loadSelfInstructPredictions, rows: len },
  { name: "judge loadAutoJPairs (real file)", good: path.join(d, "judge", "autoj", "testdata_pairwise.jsonl"), format: "jsonl", head: 4, load: loadAutoJPairs, rows: len },
  { name: "superni loadSuperniTasksJsonl (real file)", good: path.join(d, "superni", "test_tasks.jsonl"), format: "jsonl", head: 3, load: loadSuperniTasksJsonl, rows: len },
  { name: "scaling readKoyejolabModels (real file)", good: path.join(d, "scaling", "koyejolab", "configs", "models.csv"), format: "csv", head: 6, load: readKoyejolabModels, rows: len },
  { name: "bbh loadBigBenchTask (real file)", good: path.join(d, "bbh", "bbh", "navigate.json"), format: "json", load: loadBigBenchTask, rows: () => 0 },
  { name: "llmbar loadLlmbarDataset (real file)", good: path.join(d, "judge", "llmbar", "Dataset", "LLMBar", "Natural", "dataset.json"), format: "json", rel: "Dataset/LLMBar/Natural/dataset.json", load: (f) => loadLlmbarDataset(path.dirname(f)), rows: len },
  { name: "pythia readPythiaFile (real file)", good: path.join(d, "scaling", "pythia", "evals", "bloom", "bloom-1b7.json"), format: "json", load: (f) => readPythiaFile(f), rows: len },
  { name: "skill-mix loadSkills (real file)", good: path.join(d, "skillmix", "skills.csv"), format: "csv", head: 6, requiredColumn: "skill", load: (f) => loadSkills(f), rows: (v) => (v as { skills: unknown[]; excluded: unknown[] }).skills.length + (v as { excluded: unknown[] }).excluded.length },
];

describe("every loader × variants of a good file of its own format", () => {
  for (const L of LOADERS) loaderSuite(L);
});

describeShared("public-data loaders × variants of a real file", ".", (d) => {
  for (const L of SHARED_LOADERS(d)) loaderSuite(L);
});

function loaderSuite(L: LoaderRow): void {
    describe(L.name, () => {
      const goodText = L.head ? headLines(L.good, L.head) : fs.readFileSync(L.good, "utf8");
      const base = L.rel ?? path.basename(L.good);
      let goodValue: unknown;
      let goodRows = 0;
      it("accepts the good file", () => {
        const f = writeVariant(base, { name: "good", bytes: Buffer.from(goodText, "utf8"), expect: "same" });
        const r = outcome(() => L.load(f));
        if (!r.ok) throw new Error("good file refused: " + r.error.message);
        goodValue = r.value;
        goodRows = L.rows(r.value);
        if (L.format !== "json") expect(goodRows).toBeGreaterThanOrEqual(L.format === "csv" ? (L.head ?? 3) - 1 - 2 : 2);
      });
      const count = L.format === "json" ? 0 : (L.head ?? goodText.trim().split("\n").length) - (L.format === "csv" ? 1 : 0);
      for (const v of variantsOf(goodText, L.format, count, L.requiredColumn)) {
        const exp = L.override?.[v.name] ?? v.expect;
        if (exp === "skip") continue;
        it(v.name + " → " + exp + (v.line ? " (line " + v.line + ")" : ""), () => {
          const f = writeVariant(base, v);
          if (exp === "same") {
            const r = outcome(() => L.load(f));
            if (!r.ok) throw new Error("refused: " + r.error.message);
            expect(normalise(r.value, f, L.good)).toEqual(normalise(goodValue, undefined, L.good));
          } else if (exp === "error") {
            expectInputError(() => L.load(f), f, v.line);
          } else {
            const r = outcome(() => L.load(f));
            if (r.ok) {
              if (v.rows !== undefined) expect(L.rows(r.value), "rows silently dropped").toBe(v.rows);
            } else {
              expect(r.error.file).toBe(f);
              if (v.line !== undefined) expect(r.error.line, r.error.message).toBe(v.line);
            }
          }
        });
      }
    });
}

/** Results may carry their file path: compare them with the path replaced. */
function normalise(v: unknown, file: string | undefined, _good: string): unknown {
  const text = JSON.stringify(v, (_k, x) => (typeof x === "number" && !Number.isFinite(x) ? String(x) : x));
  if (text === undefined) return v;
  let t = text;
  const dirs = [file ? path.dirname(file) : undefined].filter(Boolean) as string[];
  for (const d of dirs) t = t.split(JSON.stringify(d).slice(1, -1)).join("<dir>");
  return JSON.parse(t.replace(/\/tmp\/evalbook-bad-[a-z0-9-]+?-[A-Za-z0-9]{6}/g, "<dir>"));
}

import * as fs from "node:fs";
import * as path from "node:path";
import type { Command, CliContext } from "../command";
import type { ParsedArgs } from "../args";
import { readCsv } from "../../io/csv";
import { readJsonlRows } from "../../io/jsonl";
import { projectRoot, sharedDataDir } from "../../io/paths";
import { writeFileAtomic } from "../../io/atomic";
import { InputError, UsageError, UserError } from "../../util/errors";
import { startOfflineLLM, llmOptions, createLLMFromArgs, type LLM } from "../../llm/index";
import { randomSplit, groupSplit, leaveOneCategoryOut, distinctCategories } from "../../studies/perf-pred/splits";
import { runExperiment, errorsByCategory, type PerfPredData } from "../../studies/perf-pred/experiment";
import { defaultFamilies } from "../../studies/perf-pred/predictors";
import { bbhData, datasetData, realPaths, selfInstructData } from "../../studies/perf-pred/real-data";
import { superniStudyDataset } from "../../studies/perf-pred/study";
import { datasetCsv, DATASET_COLUMNS, type DatasetRow } from "../../studies/perf-pred/dataset";
import { embedTexts } from "../../studies/perf-pred/embed";
import { TfidfVectorizer } from "../../ml/tfidf";
import { fitRidge } from "../../ml/ridge";
import { fitMlp } from "../../ml/mlp";
import { linearToOnnx, mlpToOnnx, scoreOnnx } from "../../ml/onnx";

/** Parse "42-51" or "42,45,47" into seeds. */
export function parseSeeds(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new UsageError("--seeds takes a list like 42-51 or 42,43,44, not '" + s + "'");
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b - a > 10000) throw new UsageError("bad seed range '" + part + "'");
    for (let x = a; x <= b; x++) out.push(x);
  }
  return out;
}

/** Read a column of a JSONL or CSV file (for category / task splits). */
function readColumn(file: string, field: string): string[] {
  if (/\.csv$/i.test(file)) {
    const t = readCsv(file, { required: [field] });
    return t.rows.map((r) => String(r[field]));
  }
  return readJsonlRows(file).map(({ line, value }) => {
    const v = value[field];
    if (typeof v === "string") return v;
    if (Array.isArray(v) && v.length > 0 && typeof v[0] === "string") return v[0];
    throw new InputError({ file, line, field }, v === undefined ? "missing field" : "expected a string");
  });
}

/** Read a study dataset CSV (the original columns). */
export function readDatasetCsv(file: string): DatasetRow[] {
  const t = readCsv(file, { required: ["task", "definition", "category"] });
  const num = (r: Record<string, string>, c: string, line: number): number => {
    const v = r[c];
    if (v === undefined || v.trim() === "") return NaN;
    const x = Number(v);
    if (!Number.isFinite(x)) throw new InputError({ file, line, field: c }, "expected a number, got '" + v + "'");
    return x;
  };
  return t.rows.map((r, i) => ({
    task: r.task,
    definition: r.definition,
    category: r.category,
    predict_rougeL: num(r, "predict_rougeL", i + 2),
    predict_exact_match: num(r, "predict_exact_match", i + 2),
    predict_avg_loss: num(r, "predict_avg_loss", i + 2),
  }));
}

function sharedOrFail(args: ParsedArgs): string {
  const s = (args.options.shared as string | undefined) ?? sharedDataDir();
  if (!s || !fs.existsSync(s)) throw new UserError("the real data folder is absent (../shared/data or --shared DIR)");
  return s;
}

async function withGenerator<T>(args: ParsedArgs, runDir: string, fn: (llm: LLM) => Promise<T>): Promise<T> {
  if (args.options.offline) {
    const roles: Record<string, string> = { generator: String(args.options["sim-model"]), embedder: "simulated/generic" };
    const off = await startOfflineLLM({ roles, runDir });
    try {
      return await fn(off.llm);
    } finally {
      await off.close();
    }
  }
  const llm = createLLMFromArgs(args, { runDir });
  try {
    return await fn(llm);
  } finally {
    await llm.close();
  }
}

const DATA_KINDS = ["self-instruct", "bbh-direct", "bbh-cot", "superni", "offline"];

async function loadData(args: ParsedArgs, ctx: CliContext, runDir: string): Promise<PerfPredData> {
  const kind = args.options.data as string;
  const target = args.options.target as "predict_rougeL" | "predict_exact_match" | "predict_avg_loss";
  if (kind === "self-instruct") return selfInstructData(realPaths(sharedOrFail(args)).selfInstruct, args.options.model as string);
  if (kind === "bbh-direct" || kind === "bbh-cot") return bbhData(realPaths(sharedOrFail(args)).bbh, kind === "bbh-cot" ? "cot" : "direct");
  if (kind === "superni" || kind === "offline") {
    const paths = kind === "superni" ? realPaths(sharedOrFail(args)) : undefined;
    const res = await withGenerator(args, runDir, (llm) =>
      superniStudyDataset({
        llm,
        tasksFile: paths ? paths.superni : path.join(projectRoot(), "data", "perf-pred", "tasks.jsonl"),
        listFile: paths ? paths.superniList : undefined,
        runDir,
        maxInstances: args.options["max-instances"] as number,
        examples: args.options.examples as number,
      }),
    );
    if (res.missing.length) ctx.warn("perf-pred: " + res.missing.length + " listed tasks have no task data or instances: " + res.missing.join(", "));
    const out = path.join(runDir, "dataset.csv");
    writeFileAtomic(out, datasetCsv(res.rows));
    ctx.info("perf-pred: dataset (" + res.rows.length + " tasks" + (res.evaluation.simulated ? ", SIMULATED model" : "") + ") written to " + out);
    return datasetData(res.rows, target, kind === "superni" ? "SuperNI test tasks" : "illustrative tasks", res.evaluation.simulated);
  }
  if (!fs.existsSync(kind)) throw new UsageError("--data must be one of " + DATA_KINDS.join("|") + " or a dataset CSV file, not '" + kind + "'");
  return datasetData(readDatasetCsv(kind), target, path.basename(kind));
}

const splits: Command = {
  name: "splits",
  summary: "Print train/dev/test indices of the study's splits (numpy legacy MT19937, as the original).",
  options: [
    { name: "n", type: "number", placeholder: "N", description: "Number of items (random mode)." },
    { name: "seed", type: "number", default: 42, description: "Seed (np.random.seed)." },
    { name: "mode", type: "string", default: "random", choices: ["random", "category", "task"], description: "random | category (leave one category out) | task (by group)." },
    { name: "input", type: "string", placeholder: "FILE", description: "JSONL or CSV file with the --field column (category and task modes)." },
    { name: "field", type: "string", placeholder: "FIELD", description: "Category or group column (default: category / task)." },
    { name: "category", type: "string", placeholder: "NAME", description: "Hold out only this category (default: one line per category)." },
    { name: "eval-size", type: "number", description: "Held-out items (random/task; default ceil(0.2 n))." },
    { name: "test-size", type: "number", description: "Of those, test items (default half)." },
  ],
  examples: ["evalbook perf-pred splits --n 119 --seed 42", "evalbook perf-pred splits --mode category --input dataset.csv --field category"],
  run(args, ctx) {
    const mode = args.options.mode as string;
    const seed = args.options.seed as number;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError("--seed must be an integer in [0, 2^32)");
    const sizes = { evalSize: args.options["eval-size"] as number | undefined, testSize: args.options["test-size"] as number | undefined };
    const guard = <T>(f: () => T): T => {
      try {
        return f();
      } catch (e) {
        if (e instanceof RangeError) throw new UsageError(e.message);
        throw e;
      }
    };
    if (mode === "random") {
      const n = args.options.n as number | undefined;
      if (n === undefined) throw new UsageError("random mode needs --n N");
      const s = guard(() => randomSplit(n, seed, sizes));
      ctx.json({ mode, seed, n, train: s.train, dev: s.dev, test: s.test });
      return;
    }
    const file = args.options.input as string | undefined;
    if (!file) throw new UsageError(mode + " mode needs --input FILE (JSONL or CSV)");
    const field = (args.options.field as string | undefined) ?? (mode === "category" ? "category" : "task");
    const col = readColumn(file, field);
    if (mode === "task") {
      const s = guard(() => groupSplit(col, seed, sizes));
      ctx.json({ mode, seed, n: col.length, field, train: s.train, dev: s.dev, test: s.test });
      return;
    }
    const only = args.options.category as string | undefined;
    for (const c of only ? [only] : distinctCategories(col)) {
      const s = guard(() => leaveOneCategoryOut(col, c, seed));
      ctx.json({ mode, seed, n: col.length, field, category: c, train: s.train, dev: s.dev, test: s.test });
    }
  },
};

const dataOptions = [
  { name: "data", type: "string" as const, default: "self-instruct", placeholder: "KIND|FILE.csv", description: "self-instruct | bbh-direct | bbh-cot | superni (evaluate the SuperNI test tasks) | offline (evaluate data/perf-pred/tasks.jsonl) | a dataset CSV with the original columns." },
  { name: "target", type: "string" as const, default: "predict_rougeL", choices: ["predict_rougeL", "predict_exact_match", "predict_avg_loss"], description: "Column to predict (dataset CSV, superni, offline)." },
  { name: "model", type: "string" as const, default: "mean", description: "self-instruct: a model name, or mean over the 8 models." },
  { name: "shared", type: "string" as const, placeholder: "DIR", description: "Real data folder (default ../shared/data)." },
  { name: "run-dir", type: "string" as const, placeholder: "DIR", description: "Run directory (default runs/perf-pred/<data>)." },
  { name: "offline", type: "boolean" as const, description: "Evaluate with the simulated model on the loopback server (superni/offline data, embeddings)." },
  { name: "sim-model", type: "string" as const, default: "simulated/perf-pred", description: "Simulated generator model (with --offline)." },
  { name: "max-instances", type: "number" as const, default: 100, description: "Instances per task in the evaluation stage." },
  { name: "examples", type: "number" as const, default: 0, description: "Positive examples in evaluation prompts." },
];

const run: Command = {
  name: "run",
  summary: "Run the whole experiment: (evaluate,) fit predictors per split, select by dev MSE, report test RMSE mean ± std vs the mean baseline.",
  description:
    "Prints one JSON line per predictor family {family, splits, meanRmse, stdRmse, vsBaseline}; writes results.json (every split, chosen configuration, test predictions), summary.csv and categories.csv to the run directory. " +
    "Generator role: --role generator=SPEC, or --offline for the simulated model. --embeddings adds ridge/kNN on embeddings from role 'embedder'.",
  options: [
    ...dataOptions,
    { name: "seeds", type: "string", default: "42-51", description: "Split seeds (42-51 as the original)." },
    { name: "mode", type: "string", default: "random", choices: ["random", "category", "task"], description: "Split mode." },
    { name: "mlp", type: "boolean", default: true, description: "Include the MLP (--no-mlp to skip)." },
    { name: "embeddings", type: "boolean", description: "Also fit on embeddings of the texts (role 'embedder')." },
    ...llmOptions,
  ],
  examples: [
    "evalbook perf-pred run --data self-instruct",
    "evalbook perf-pred run --data bbh-cot --seeds 42-51",
    "evalbook perf-pred run --data offline --offline --embeddings",
    "evalbook perf-pred run --data superni --role generator=together:meta-llama/Llama-3-8b-hf --max-instances 100",
  ],
  async run(args, ctx) {
    const kind = args.options.data as string;
    const runDir = path.resolve((args.options["run-dir"] as string | undefined) ?? path.join(projectRoot(), "runs", "perf-pred", path.basename(kind).replace(/\.csv$/, "")));
    fs.mkdirSync(runDir, { recursive: true });
    const data = await loadData(args, ctx, runDir);
    if (args.options.embeddings) {
      const e = await withGenerator(args, runDir, (llm) => embedTexts(llm, "embedder", data.texts));
      data.embeddings = e.matrix;
    }
    const seeds = parseSeeds(args.options.seeds as string);
    const families = defaultFamilies({ mlp: args.options.mlp as boolean, embeddings: data.embeddings !== undefined });
    const result = runExperiment(data, { seeds, mode: args.options.mode as "random" | "category" | "task", families });
    writeFileAtomic(path.join(runDir, "results.json"), JSON.stringify(result, null, 1) + "\n");
    const sum = "family,splits,mean_rmse,std_rmse,vs_baseline\n" + result.summary.map((s) => [s.family, s.splits, s.meanRmse, s.stdRmse, s.vsBaseline].join(",")).join("\n") + "\n";
    writeFileAtomic(path.join(runDir, "summary.csv"), sum);
    const cats = errorsByCategory(result);
    writeFileAtomic(path.join(runDir, "categories.csv"), "family,category,n,rmse\n" + cats.map((c) => [c.family, JSON.stringify(c.category), c.n, c.rmse].join(",")).join("\n") + "\n");
    for (const s of result.summary) ctx.json({ data: result.data.label, simulated: result.data.simulated, mode: result.mode, ...s });
    ctx.info("perf-pred: " + result.data.label + " (n = " + result.data.n + (result.data.simulated ? ", SIMULATED" : "") + "); results in " + runDir);
  },
};

const evaluate: Command = {
  name: "evaluate",
  summary: "Evaluation stage only: prompt SuperNI-format tasks, score answers, write the dataset CSV (original columns).",
  options: [
    { name: "tasks", type: "string", required: true, placeholder: "FILE.jsonl", description: "Tasks (SuperNI JSON Lines layout, e.g. ../shared/data/superni/test_tasks.jsonl)." },
    { name: "list", type: "string", placeholder: "FILE", description: "Task list fixing order and selection." },
    { name: "run-dir", type: "string", required: true, placeholder: "DIR", description: "Run directory (stage records; a re-run resumes)." },
    { name: "out", type: "string", placeholder: "FILE.csv", description: "Dataset CSV (default RUN_DIR/dataset.csv)." },
    { name: "max-instances", type: "number", default: 100, description: "Instances per task (first of a seeded shuffle)." },
    { name: "seed", type: "number", default: 42, description: "Seed of the instance shuffle." },
    { name: "order", type: "string", default: "shuffle", choices: ["shuffle", "file"], description: "Instances: first of a seeded shuffle, or first in file order." },
    { name: "examples", type: "number", default: 0, description: "Positive examples in the prompt." },
    { name: "api", type: "string", default: "complete", choices: ["complete", "chat"], description: "Text completions or chat." },
    { name: "first-sentence", type: "string", default: "auto", choices: ["auto", "yes", "no"], description: "Keep only the first sentence of answers (auto: yes for chat, no for completions)." },
    { name: "loss", type: "boolean", default: true, description: "Score the mean log-prob of the reference (completions echo; --no-loss to skip)." },
    { name: "offline", type: "boolean", description: "Use the simulated model on the loopback server." },
    { name: "sim-model", type: "string", default: "simulated/perf-pred", description: "Simulated model (with --offline)." },
    ...llmOptions,
  ],
  examples: ["evalbook perf-pred evaluate --tasks ../shared/data/superni/test_tasks.jsonl --list ../shared/data/superni/splits/default/test_tasks.txt --run-dir runs/pp --offline"],
  async run(args, ctx) {
    const runDir = path.resolve(args.options["run-dir"] as string);
    const api = args.options.api as "complete" | "chat";
    const fsOpt = args.options["first-sentence"] as string;
    const fsFlag = fsOpt === "auto" ? undefined : fsOpt === "yes";
    const res = await withGenerator(args, runDir, (llm) =>
      superniStudyDataset({
        llm,
        tasksFile: args.options.tasks as string,
        listFile: args.options.list as string | undefined,
        runDir,
        maxInstances: args.options["max-instances"] as number,
        seed: args.options.seed as number,
        order: args.options.order as "shuffle" | "file",
        examples: args.options.examples as number,
        api,
        firstSentence: fsFlag,
        loss: args.options.loss as boolean,
      }),
    );
    const out = path.resolve((args.options.out as string | undefined) ?? path.join(runDir, "dataset.csv"));
    writeFileAtomic(out, datasetCsv(res.rows));
    if (res.missing.length) ctx.warn("perf-pred: " + res.missing.length + " listed tasks have no task data or instances: " + res.missing.join(", "));
    for (const f of res.evaluation.failed) ctx.warn("perf-pred: failed " + f.stage + " " + f.id + ": " + f.error);
    ctx.json({ out, tasks: res.rows.length, missing: res.missing, failed: res.evaluation.failed.length, simulated: res.evaluation.simulated, columns: DATASET_COLUMNS });
    return res.evaluation.failed.length ? 1 : 0;
  },
};

const exportCmd: Command = {
  name: "export",
  summary: "Train a ridge or MLP predictor on TF-IDF features of a dataset and write it as an ONNX model (+ vocabulary JSON); checks it with onnxruntime.",
  options: [
    ...dataOptions,
    { name: "predictor", type: "string", default: "ridge", choices: ["ridge", "mlp"], description: "Model to export." },
    { name: "alpha", type: "number", default: 1, description: "Ridge alpha / MLP L2 penalty." },
    { name: "seed", type: "number", default: 42, description: "MLP seed; the model is trained on the train+dev part of this seed's random split." },
    { name: "out", type: "string", required: true, placeholder: "FILE.onnx", description: "Output model; the TF-IDF vocabulary goes to FILE.features.json." },
    ...llmOptions,
  ],
  examples: ["evalbook perf-pred export --data bbh-cot --predictor ridge --out bbh-ridge.onnx"],
  async run(args, ctx) {
    const kind = args.options.data as string;
    const runDir = path.resolve((args.options["run-dir"] as string | undefined) ?? path.join(projectRoot(), "runs", "perf-pred", path.basename(kind).replace(/\.csv$/, "")));
    const data = await loadData(args, ctx, runDir);
    const split = randomSplit(data.texts.length, args.options.seed as number);
    const idx = [...split.train, ...split.dev];
    const texts = idx.map((i) => data.texts[i]);
    const y = idx.map((i) => data.y[i]);
    const vec = new TfidfVectorizer({ ngramRange: [1, 2] }).fit(texts);
    const x = vec.transform(texts);
    const alpha = args.options.alpha as number;
    const isRidge = args.options.predictor === "ridge";
    const model = isRidge ? fitRidge(x, y, alpha) : fitMlp(x, y, { alpha, seed: args.options.seed as number, learningRate: 0.01, epochs: 150 });
    const bytes = isRidge ? linearToOnnx(model as ReturnType<typeof fitRidge>) : mlpToOnnx(model as ReturnType<typeof fitMlp>);
    const out = path.resolve(args.options.out as string);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, bytes);
    const featFile = out.replace(/\.onnx$/i, "") + ".features.json";
    writeFileAtomic(
      featFile,
      JSON.stringify({ kind: "tfidf", analyzer: "word", tokenPattern: "[\\p{L}\\p{N}_]{2,}", lowercase: true, ngramRange: vec.options.ngramRange, norm: vec.options.norm, sublinearTf: vec.options.sublinearTf, vocabulary: Object.fromEntries(vec.vocabulary), idf: Array.from(vec.idf), input: "features [batch, " + vec.vocabulary.size + "] float64", output: "score [batch, 1]", target: data.label }) + "\n",
    );
    const xt = vec.transform(split.test.map((i) => data.texts[i]));
    const want = model.predict(xt);
    const got = await scoreOnnx(bytes, xt);
    let maxDiff = 0;
    for (let i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs(want[i] - got[i]));
    if (!(maxDiff <= 1e-5)) throw new UserError("ONNX and in-process predictions differ by " + maxDiff);
    ctx.json({ out, features: featFile, predictor: model.name, inputs: vec.vocabulary.size, trainedOn: idx.length, checkedOn: split.test.length, maxAbsDiff: maxDiff });
  },
};

export const command: Command = {
  name: "perf-pred",
  summary: "Performance prediction from instructions: splits, evaluation stage, predictors vs mean baseline, ONNX export.",
  subcommands: [splits, run, evaluate, exportCmd],
};

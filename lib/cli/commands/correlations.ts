import * as fs from "node:fs";
import * as path from "node:path";
import type { Command, CliContext } from "../command";
import type { ParsedArgs } from "../args";
import { writeFileAtomic } from "../../io/atomic";
import { fromRoot } from "../../io/paths";
import { UsageError, UserError } from "../../util/errors";
import { llmOptions, createLLMFromArgs, startOfflineLLM, type LLM } from "../../llm/index";
import { CORRELATION_METHODS, isCorrelationMethod, type CorrelationMethod } from "../../stats/correlation";
import { readLogSamples, scoresFromLogSamples, type ScoreRow } from "../../studies/correlations/log-samples";
import type { TaskKind } from "../../studies/correlations/target-index";
import { readModels } from "../../studies/correlations/models";
import { pivotScores, readScoreRows } from "../../studies/correlations/score-table";
import { correlateWithCompute, type CorrelationResult } from "../../studies/correlations/compute-correlations";
import { simulateFamily, simulatedScoreMatrices } from "../../studies/correlations/simulate";
import { readMcDataset, scoreWithLLM } from "../../studies/correlations/scorer";
import { readKoyejolabModels } from "../../data/scaling/koyejolab";
import { readPythiaDir } from "../../data/scaling/pythia";
import { readUshapedDir } from "../../data/scaling/ushaped";
import { readObsScalingDir } from "../../data/scaling/obsscaling";

const list = (v: unknown): string[] => ((v as string[] | undefined) ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s !== "");

/** JSON with NaN written as null (JSON has no NaN). */
function jsonLine(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === "number" && !Number.isFinite(x) ? null : x));
}

function emitRows(rows: unknown[], out: string | undefined, ctx: CliContext): void {
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileAtomic(out, rows.map(jsonLine).join("\n") + (rows.length ? "\n" : ""));
  } else for (const r of rows) ctx.write(jsonLine(r) + "\n");
}

function intOpt(v: unknown, flag: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError("--" + flag + " takes an integer >= " + min + ", not '" + v + "'");
  return n;
}

const scores: Command = {
  name: "scores",
  summary: "Per-sample scores (JSONL: model, task, sample_idx, metric, score) from lm-evaluation-harness --log_samples files.",
  description:
    "Reads samples_<task>_<date>.jsonl files written by lm-eval with --log_samples (loglikelihood tasks: filtered_resps = [loglik, is_greedy] per choice) and writes the study's per-sample scores: " +
    "log_prob_vocab_correct, prob_vocab_correct, prob_vocab_choices, prob_choices_correct, brier_score, acc, acc_norm, target_is_greedy. " +
    "The target index follows the original study (winogrande/xwinograd_en: doc.answer − 1; anli: the choice ending with the label; pubmedqa: the choice ' yes'/' no'/' maybe'). " +
    "The model nickname (to join with a model registry) defaults to the file's parent folder name, as lm-eval's output layout gives it.",
  options: [
    { name: "log-samples", type: "list", placeholder: "FILE", required: true, description: "lm-eval samples file(s) (repeatable)." },
    { name: "task", type: "string", placeholder: "NAME", description: "Task name (default: from the file name samples_<task>_<date>.jsonl)." },
    { name: "model", type: "list", placeholder: "NICKNAME", description: "Model nickname per file (default: the parent folder name)." },
    { name: "multiple-choice", type: "boolean", description: "Treat a task the original does not list as multiple choice (integer target index)." },
    { name: "out", type: "string", short: "o", placeholder: "FILE", description: "Write the JSONL here instead of stdout." },
  ],
  examples: [
    "npx evalbook correlations scores --log-samples out/pythia-70m/samples_arc_easy_2024-05-31T12-00-00.jsonl",
    "npx evalbook correlations scores --log-samples a.jsonl --log-samples b.jsonl --model Pythia_70M_2B --model Pythia_160M_20B --task mmlu_anatomy -o scores.jsonl",
  ],
  run(args, ctx) {
    const files = args.options["log-samples"] as string[];
    const models = list(args.options.model);
    if (models.length && models.length !== files.length) throw new UsageError("give one --model per --log-samples file (" + files.length + " files, " + models.length + " models)");
    const kind: TaskKind | undefined = args.options["multiple-choice"] ? "multiple_choice" : undefined;
    const rows: ScoreRow[] = [];
    files.forEach((f, i) => {
      if (!fs.existsSync(f)) throw new UserError("no such file: " + f);
      const parsed = readLogSamples(f, { task: args.options.task as string | undefined, kind });
      const model = models[i] ?? path.basename(path.dirname(path.resolve(f)));
      const r = scoresFromLogSamples(parsed, model);
      ctx.info("correlations scores: " + f + ": task " + parsed.task + ", model " + model + ", " + parsed.samples.length + " samples, " + r.length + " scores");
      rows.push(...r);
    });
    emitRows(rows, args.options.out as string | undefined, ctx);
  },
};

function resultRows(results: CorrelationResult[], simulated: boolean): { perSample: unknown[]; summary: unknown[] } {
  const perSample: unknown[] = [];
  const summary: unknown[] = [];
  for (const r of results) {
    r.sampleIds.forEach((s, j) =>
      perSample.push({ ...(r.task !== undefined ? { task: r.task } : {}), family: r.family, metric: r.metric, method: r.method, sample_idx: s, correlation: r.correlations[j], ...(r.pValues ? { p_value: r.pValues[j] } : {}), ...(simulated ? { simulated: true } : {}) }),
    );
    summary.push({ ...(r.task !== undefined ? { task: r.task } : {}), family: r.family, metric: r.metric, method: r.method, models: r.models, dropped: r.dropped, ...r.summary, ...(simulated ? { simulated: true } : {}) });
  }
  return { perSample, summary };
}

function methodsOpt(v: unknown): CorrelationMethod[] {
  const names = list(v);
  if (names.length === 0) return [...CORRELATION_METHODS];
  return names.map((m) => {
    if (!isCorrelationMethod(m)) throw new UsageError("--method takes pearson, spearman or kendall, not '" + m + "'");
    return m;
  });
}

function writeResults(results: CorrelationResult[], simulated: boolean, out: string | undefined, ctx: CliContext): void {
  const { perSample, summary } = resultRows(results, simulated);
  if (out) {
    fs.mkdirSync(out, { recursive: true });
    writeFileAtomic(path.join(out, "correlations.jsonl"), perSample.map(jsonLine).join("\n") + "\n");
    writeFileAtomic(path.join(out, "summary.json"), JSON.stringify(JSON.parse(jsonLine(summary)), null, 1) + "\n");
    ctx.info("correlations: wrote " + perSample.length + " per-sample correlations and " + summary.length + " summaries to " + out + "/");
    for (const s of summary) ctx.json(JSON.parse(jsonLine(s)));
  } else {
    for (const r of perSample) ctx.write(jsonLine(r) + "\n");
    ctx.write(jsonLine({ summary }) + "\n");
  }
}

const compute: Command = {
  name: "compute",
  summary: "Correlate each sample's score with log10 compute across each model family; per-sample JSONL plus a summary JSON.",
  description:
    "As the original study: models sorted by compute (6·N·D from the registry), zero-compute checkpoints dropped, Brier scores negated, then the correlation per sample and the distribution summary " +
    "(mean, median, std, var, skew, kurtosis, survival-function AUC, Wasserstein/energy distances and KS statistics to all +1 / all −1, fraction NaN). " +
    "Without --out: per-sample rows on stdout, then one line {summary: [...]}. With --out DIR: DIR/correlations.jsonl and DIR/summary.json (summaries also on stdout).",
  options: [
    { name: "scores", type: "string", placeholder: "FILE", required: true, description: "Per-sample scores JSONL (from `correlations scores` or `simulate`)." },
    { name: "models", type: "string", placeholder: "FILE", required: true, description: "Model registry: the original study's models.csv format, or JSONL {nickname, family, parameters, tokens}." },
    { name: "method", type: "list", placeholder: "NAME", description: "pearson, spearman, kendall (repeatable or comma-separated; default all three)." },
    { name: "metric", type: "list", placeholder: "NAME", description: "Only these metrics (default all in the scores)." },
    { name: "family", type: "list", placeholder: "NAME", description: "Only these model families (default each family present)." },
    { name: "p-values", type: "boolean", description: "Add each correlation's two-sided p-value (scipy's definitions) to the per-sample rows." },
    { name: "out", type: "string", short: "o", placeholder: "DIR", description: "Output directory." },
  ],
  examples: [
    "npx evalbook correlations compute --scores scores.jsonl --models ../shared/data/scaling/koyejolab/configs/models.csv --method kendall",
    "npx evalbook correlations compute --scores sim/scores.jsonl --models sim/models.jsonl -o sim/correlations",
  ],
  run(args, ctx) {
    const methods = methodsOpt(args.options.method);
    const metricFilter = list(args.options.metric);
    const families = list(args.options.family);
    const scoreFile = args.options.scores as string;
    const modelFile = args.options.models as string;
    for (const f of [scoreFile, modelFile]) if (!fs.existsSync(f)) throw new UserError("no such file: " + f);
    const rows = readScoreRows(scoreFile);
    const simulated = rows.some((r) => r.row.simulated === true);
    const registry = readModels(modelFile);
    const matrices = pivotScores(rows, scoreFile).filter((m) => metricFilter.length === 0 || metricFilter.includes(m.metric));
    if (matrices.length === 0) throw new UserError("no scores for the requested metrics in " + scoreFile);
    const results: CorrelationResult[] = [];
    for (const m of matrices) {
      if (m.missing > 0) ctx.warn("correlations: " + (m.task ?? "") + "/" + m.metric + ": " + m.missing + " (model, sample) scores missing: their correlations use NaN and are NaN");
      for (const method of methods) results.push(...correlateWithCompute(m, registry, method, { ...(families.length ? { families } : {}), pValues: args.options["p-values"] === true }));
    }
    if (results.length === 0) throw new UserError("no family with at least 2 models having scores (check --family and the registry)");
    writeResults(results, simulated, args.options.out as string | undefined, ctx);
  },
};

const importCmd: Command = {
  name: "import",
  summary: "Import aggregated scaling data (Pythia evals, the original models CSV, U-shaped Brier tables, ObsScaling tables) as JSONL.",
  description:
    "pythia: lm-eval result JSONs of Pythia checkpoints (+ OPT, BLOOM): one row per model, checkpoint, task and metric with parameters, tokens (step × 2,097,152) and compute 6·N·D. " +
    "koyejolab: the original study's configs/models.csv as a model registry (JSONL usable with `compute --models`). " +
    "ushaped: per-difficulty-group Brier/acc tables, one row per model, task, group and metric. obsscaling: model × benchmark tables with size, tokens and FLOPs. Blank cells are counted, not written.",
  positionals: [{ name: "DIR", description: "Folder (e.g. ../shared/data/scaling/pythia) or, for koyejolab, the models.csv file or its folder.", required: true }],
  options: [
    { name: "format", type: "string", required: true, choices: ["pythia", "koyejolab", "ushaped", "obsscaling"], description: "Data format." },
    { name: "shots", type: "number", description: "pythia: only this few-shot count (0 or 5)." },
    { name: "task", type: "string", placeholder: "NAME", description: "ushaped: only this task." },
    { name: "out", type: "string", short: "o", placeholder: "FILE", description: "Write the JSONL here instead of stdout." },
  ],
  examples: [
    "npx evalbook correlations import ../shared/data/scaling/pythia --format pythia --shots 0 -o pythia.jsonl",
    "npx evalbook correlations import ../shared/data/scaling/koyejolab --format koyejolab -o models.jsonl",
  ],
  run(args, ctx) {
    const dir = args.named.DIR as string;
    if (!fs.existsSync(dir)) throw new UserError("no such file or directory: " + dir);
    const format = args.options.format as string;
    let rows: unknown[];
    if (format === "pythia") {
      const shots = args.options.shots === undefined ? undefined : intOpt(args.options.shots, "shots", 0);
      rows = readPythiaDir(dir, shots === undefined ? {} : { shots });
    } else if (format === "koyejolab") {
      let file = dir;
      if (fs.statSync(dir).isDirectory()) {
        const candidates = [path.join(dir, "configs", "models.csv"), path.join(dir, "models.csv")];
        const found = candidates.find((c) => fs.existsSync(c));
        if (!found) throw new UserError("no configs/models.csv or models.csv in " + dir);
        file = found;
      }
      rows = readKoyejolabModels(file);
    } else if (format === "ushaped") {
      const r = readUshapedDir(dir, args.options.task ? { task: args.options.task as string } : {});
      ctx.info("correlations import: " + r.files.length + " files, " + r.missing + " blank cells (missing values, not written)");
      rows = r.scores;
    } else {
      const r = readObsScalingDir(dir);
      ctx.info("correlations import: " + r.files.length + " files, " + r.missing + " blank cells (missing values, not written)");
      rows = r.scores;
    }
    ctx.info("correlations import: " + rows.length + " rows (" + format + ")");
    emitRows(rows, args.options.out as string | undefined, ctx);
  },
};

const simulate: Command = {
  name: "simulate",
  summary: "Write a seeded simulated model family (scores.jsonl + models.jsonl, every row marked simulated) for `compute`.",
  description:
    "The generative simulation of lib/studies/correlations/simulate.ts: per-sample difficulty, per-token loss falling with compute, distractors drifting among the incorrect choices. " +
    "Without --out the per-sample correlations (all three methods) and summaries are computed directly and printed as `compute` does.",
  options: [
    { name: "samples", type: "number", default: 500, description: "Questions." },
    { name: "choices", type: "number", default: 4, description: "Choices per question." },
    { name: "seed", type: "number", default: 0, description: "Seed." },
    { name: "family", type: "string", default: "Simulated", description: "Family name." },
    { name: "learnability", type: "number", description: "κ: speed at which per-token loss falls with scale (default 4)." },
    { name: "drift", type: "number", description: "SD of the distractors' random-walk step per model (default 0.6)." },
    { name: "out", type: "string", short: "o", placeholder: "DIR", description: "Write DIR/scores.jsonl and DIR/models.jsonl." },
  ],
  examples: ["npx evalbook correlations simulate --samples 1000 -o sim", "npx evalbook correlations simulate --drift 1.2 --seed 3"],
  run(args, ctx) {
    const sim = simulateFamily({
      samples: intOpt(args.options.samples, "samples", 1),
      choices: intOpt(args.options.choices, "choices", 2),
      seed: intOpt(args.options.seed, "seed", 0),
      family: args.options.family as string,
      ...(args.options.learnability !== undefined ? { learnability: Number(args.options.learnability) } : {}),
      ...(args.options.drift !== undefined ? { drift: Number(args.options.drift) } : {}),
    });
    const matrices = simulatedScoreMatrices(sim);
    const out = args.options.out as string | undefined;
    if (!out) {
      const results = matrices.flatMap((m) => CORRELATION_METHODS.flatMap((method) => correlateWithCompute(m, sim.models, method)));
      writeResults(results, true, undefined, ctx);
      return;
    }
    fs.mkdirSync(out, { recursive: true });
    const rows: unknown[] = [];
    for (const m of matrices) {
      const ns = m.sampleIds.length;
      m.models.forEach((model, i) => m.sampleIds.forEach((s, j) => rows.push({ model, task: m.task, sample_idx: s, metric: m.metric, score: m.values[i * ns + j], simulated: true })));
    }
    writeFileAtomic(path.join(out, "scores.jsonl"), rows.map(jsonLine).join("\n") + "\n");
    writeFileAtomic(path.join(out, "models.jsonl"), sim.models.map((m) => jsonLine({ ...m, simulated: true })).join("\n") + "\n");
    ctx.info("correlations simulate: " + sim.models.length + " models × " + sim.samples + " samples → " + out + "/scores.jsonl (" + rows.length + " rows), " + out + "/models.jsonl");
    ctx.json({ scores: path.join(out, "scores.jsonl"), models: path.join(out, "models.jsonl"), rows: rows.length, simulated: true });
  },
};

const llmScores: Command = {
  name: "llm-scores",
  summary: "Our own scorer: per-choice log-likelihoods of a multiple-choice dataset via completions (echo + logprobs) for each model role; writes the per-sample scores JSONL.",
  description:
    "Each role is one family member (e.g. --role m1=openai-compatible:EleutherAI/pythia-160m@http://localhost:8000/v1 for a vLLM server). " +
    "For each question and choice: complete(prompt = context + ' ' + choice, echo, logprobs 1, max_tokens 0); the continuation's token log-probs are summed using text offsets. " +
    "--offline scores against the loopback server's simulated family (`simulated/correlations?scale=…`). With --run-dir the run is resumable.",
  options: [
    { name: "dataset", type: "string", placeholder: "FILE", default: "data/correlations/mc_demo.jsonl", description: "JSONL {id?, question, choices[], answer}." },
    { name: "roles", type: "list", placeholder: "ROLE", description: "Roles to score, one per model (default m1..mN of --offline)." },
    { name: "models", type: "list", placeholder: "NICKNAME", description: "Model nickname per role (default the role names)." },
    { name: "task", type: "string", default: "mc", description: "Task name written into the rows." },
    { name: "offline", type: "number", placeholder: "N", description: "Use N simulated family members at scales spread over [0.05, 1] (no keys, loopback server)." },
    { name: "run-dir", type: "string", placeholder: "DIR", description: "Run directory (resumable stage records, run metadata)." },
    { name: "score-max-tokens", type: "number", default: 0, description: "max_tokens of the scoring requests (0; use 1 for servers that reject 0 — the generated token is ignored)." },
    { name: "out", type: "string", short: "o", placeholder: "FILE", description: "Write the JSONL here instead of stdout." },
    ...llmOptions,
  ],
  examples: ["npx evalbook correlations llm-scores --offline 5 -o sim_llm_scores.jsonl", "npx evalbook correlations llm-scores --dataset my_mc.jsonl --role m1=... --role m2=... --roles m1,m2 --models P_70M,P_160M"],
  async run(args: ParsedArgs, ctx) {
    const given = args.options.dataset as string;
    const dataset = fs.existsSync(given) || path.isAbsolute(given) ? path.resolve(given) : fromRoot(given);
    if (!fs.existsSync(dataset)) throw new UserError("no such file: " + dataset);
    const questions = readMcDataset(dataset);
    const runDir = args.options["run-dir"] as string | undefined;
    let llm: LLM;
    let close = async () => {};
    let roles = list(args.options.roles);
    let simulated = false;
    if (args.options.offline !== undefined) {
      const n = intOpt(args.options.offline, "offline", 2);
      const r: Record<string, string> = {};
      for (let i = 0; i < n; i++) r["m" + (i + 1)] = "simulated/correlations?scale=" + (0.05 + (0.95 * i) / (n - 1)).toFixed(3) + "&family=A";
      const off = await startOfflineLLM({ roles: r, runDir });
      llm = off.llm;
      close = () => off.close();
      if (roles.length === 0) roles = Object.keys(r);
      simulated = true;
    } else {
      if (roles.length === 0) throw new UsageError("give the roles to score (--roles) with --role ROLE=SPEC, or use --offline N");
      const client = createLLMFromArgs(args, { runDir });
      llm = client;
      close = () => client.close();
    }
    try {
      const models = list(args.options.models);
      const { rows, failed } = await scoreWithLLM({ llm, roles, models: models.length ? models : undefined, questions, task: args.options.task as string, runDir, maxTokens: intOpt(args.options["score-max-tokens"], "score-max-tokens", 0) });
      for (const f of failed) ctx.warn("correlations llm-scores: " + f.role + " / " + f.id + " failed: " + f.error);
      ctx.info("correlations llm-scores: " + roles.length + " models × " + questions.length + " questions → " + rows.length + " scores" + (failed.length ? ", " + failed.length + " failed" : ""));
      emitRows(simulated ? rows.map((r) => ({ ...r, simulated: true })) : rows, args.options.out as string | undefined, ctx);
      return failed.length ? 1 : 0;
    } finally {
      await close();
    }
  },
};

export const command: Command = {
  name: "correlations",
  summary: "Scaling-correlations study: per-sample scores, correlations with compute, scaling-data import, simulation.",
  description: "Schaeffer et al. (2024): per-sample scores of a model family correlated with log10 compute, for each score transformation. See lib/studies/correlations/README.md.",
  subcommands: [scores, compute, importCmd, simulate, llmScores],
};

import * as fs from "node:fs";
import * as path from "node:path";
import type { Command, CliContext } from "../command";
import type { ParsedArgs, OptionSpec } from "../args";
import { InputError, UsageError, UserError } from "../../util/errors";
import { llmOptions, createLLMFromArgs } from "../../llm/cli";
import { startOfflineLLM } from "../../llm/offline";
import { createLLM, type LLMClient } from "../../llm/client";
import { openStage } from "../../llm/records";
import { TogetherHttp } from "../../together/http";
import { createTogetherMock } from "../../together/mock-routes";
import { writeTrainingFile } from "../../together/files/write";
import { uploadTrainingFile } from "../../together/files/upload";
import { runFineTune } from "../../together/finetune/ensure";
import { readJsonlRows, toJsonl } from "../../io/jsonl";
import { writeFileAtomic } from "../../io/atomic";
import { loadAutoJPairs } from "../../data/judge/autoj";
import { loadLlmbarDataset } from "../../data/judge/llmbar";
import type { JudgePair } from "../../data/judge/types";
import { judgeRealPairs } from "../../studies/self-taught/real-pairs";
import { loadInstructions, splitInstructions, type Instruction, type InstructionSource } from "../../studies/self-taught/instructions";
import { loadStudyPrompts } from "../../studies/self-taught/prompts";
import { buildPairs, generateResponses, generateWorse, judgePairs } from "../../studies/self-taught/stages";
import { buildTrainingSet, type Balance } from "../../studies/self-taught/train-set";
import { evaluateJudgements } from "../../studies/self-taught/evaluate";
import { runSelfTaughtLoop, withJudgeEndpoint } from "../../studies/self-taught/loop";
import { LARGER_SET, SMALLER_SET } from "../../studies/self-taught/study";
import { iterationRows } from "../../studies/self-taught/figures";
import type { GeneratedResponse, PairJudgement, WorseResponse } from "../../studies/self-taught/types";
import type { VerdictRule } from "../../studies/self-taught/verdict";

/** Options every stage shares: where the run lives, which instructions, which models. */
const common: OptionSpec[] = [
  { name: "run-dir", type: "string", required: true, placeholder: "DIR", description: "Run directory (stage records, training files, ledgers)." },
  { name: "instructions", type: "string", default: "auto", placeholder: "SOURCE", description: "auto | self-instruct | superni | real | builtin, or a JSONL file of {id, instruction}." },
  { name: "n-train", type: "number", default: 200, description: "Training instructions." },
  { name: "n-eval", type: "number", default: 50, description: "Evaluation instructions." },
  { name: "seed", type: "number", default: 42, description: "Seed of the split, positions and selections." },
  { name: "offline", type: "boolean", description: "Use an in-process loopback server with the simulated model (no keys)." },
  { name: "server", type: "string", placeholder: "URL", description: "Use a running loopback server (npx evalbook serve-mock) for the simulated roles and Together." },
  { name: "sim-judge", type: "string", default: "simulated/self-taught?quality=0.74&bias=0.05", description: "Offline/--server: the judge's simulated model." },
  { name: "sim-generator", type: "string", default: "simulated/self-taught?gen=0.9", description: "Offline/--server: the generator's simulated model." },
  { name: "concurrency", type: "number", default: 8, description: "Items in flight per stage." },
  ...llmOptions,
];
const splitOpt: OptionSpec = { name: "split", type: "string", default: "train", choices: ["train", "eval"], description: "Which instructions." };
const judgeOpts: OptionSpec[] = [
  { name: "samples", type: "number", default: 1, description: "Judge samples per pair (n)." },
  { name: "temperature", type: "number", default: 0, description: "Judge sampling temperature." },
  { name: "both-orders", type: "boolean", description: "Also judge every pair with the positions swapped." },
  { name: "rule", type: "string", default: "any", choices: ["any", "last-line"], description: "Verdict rule (see the study README)." },
  { name: "stage", type: "string", placeholder: "NAME", description: "Judge stage name (default <split>-judge)." },
];

interface Env {
  llm: LLMClient;
  together: TogetherHttp;
  runDir: string;
  close(): Promise<void>;
}

async function openEnv(args: ParsedArgs): Promise<Env> {
  const runDir = path.resolve(args.options["run-dir"] as string);
  fs.mkdirSync(runDir, { recursive: true });
  const roles = { generator: args.options["sim-generator"] as string, judge: args.options["sim-judge"] as string };
  const server = args.options.server as string | undefined;
  if (args.options.offline && server) throw new UsageError("--offline and --server exclude each other");
  if (args.options.offline) {
    const off = await startOfflineLLM({ roles, runDir, seed: args.options.seed as number, server: { routes: createTogetherMock().routes } });
    return { llm: off.llm, together: new TogetherHttp({ baseURL: off.server.url, env: {}, maxRetries: 0 }), runDir, close: () => off.close() };
  }
  if (server) {
    const url = server.replace(/\/+$/, "");
    // The loopback server's port changes between runs, so the cache is used here only when asked for with --cache-dir.
    const cacheDir = args.options.cache === false ? false : ((args.options["cache-dir"] as string | undefined) ?? false);
    const llm = createLLM({ configFile: false, envOverrides: false, cacheDir, runDir, roles: { generator: { provider: "openai-compatible", model: roles.generator, baseURL: url }, judge: { provider: "openai-compatible", model: roles.judge, baseURL: url } }, rolesSource: "offline" });
    return { llm, together: new TogetherHttp({ baseURL: url, env: {}, maxRetries: 0 }), runDir, close: () => llm.close() };
  }
  const llm = createLLMFromArgs(args, { runDir });
  return { llm, together: new TogetherHttp(), runDir, close: () => llm.close() };
}

async function withEnv(args: ParsedArgs, fn: (env: Env) => Promise<void>): Promise<void> {
  const env = await openEnv(args);
  let ok = false;
  try {
    await fn(env);
    ok = true;
  } finally {
    await (ok ? env.close() : env.llm.close("failed").catch(() => undefined).then(() => env.close().catch(() => undefined)));
  }
}

/** The split, recorded in <run-dir>/split.json on first use and checked afterwards. */
function splitOf(args: ParsedArgs, runDir: string): { train: Instruction[]; eval: Instruction[] } {
  const src = args.options.instructions as string;
  let all: Instruction[];
  if (src.endsWith(".jsonl")) {
    const firstLine = new Map<string, number>();
    all = readJsonlRows<Record<string, unknown>>(src).map((r) => {
      for (const f of ["id", "instruction"]) {
        if (typeof r.value[f] !== "string") throw new InputError({ file: src, line: r.line, field: f }, r.value[f] === undefined ? "missing field (rows need string fields id and instruction)" : "expected a string");
      }
      const id = r.value.id as string;
      const prev = firstLine.get(id);
      if (prev !== undefined) throw new InputError({ file: src, line: r.line, field: "id" }, "duplicate id '" + id + "' (first on line " + prev + ")");
      firstLine.set(id, r.line);
      return { id, text: r.value.instruction as string, source: "custom" as const };
    });
  } else all = loadInstructions(src as InstructionSource).instructions;
  const s = splitInstructions(all, args.options["n-train"] as number, args.options["n-eval"] as number, args.options.seed as number);
  const file = path.join(runDir, "split.json");
  const now = { instructions: src, nTrain: args.options["n-train"], nEval: args.options["n-eval"], seed: args.options.seed, train: s.train.map((i) => i.id), eval: s.eval.map((i) => i.id) };
  if (fs.existsSync(file)) {
    const prev = JSON.parse(fs.readFileSync(file, "utf8")) as typeof now;
    if (JSON.stringify(prev.train) !== JSON.stringify(now.train) || JSON.stringify(prev.eval) !== JSON.stringify(now.eval))
      throw new UsageError("this run directory was made with another split (" + JSON.stringify({ instructions: prev.instructions, nTrain: prev.nTrain, nEval: prev.nEval, seed: prev.seed }) + "); use the same --instructions/--n-train/--n-eval/--seed or another --run-dir");
  } else fs.writeFileSync(file, JSON.stringify(now, null, 1) + "\n");
  return s;
}

function pairsOf(runDir: string, split: "train" | "eval", instructions: Instruction[], seed: number) {
  const g = openStage<GeneratedResponse>(runDir, split + "-generate");
  const w = openStage<WorseResponse>(runDir, split + "-worse");
  if (g.ids().length === 0 || w.ids().length === 0) throw new UserError("run `self-taught generate` and `self-taught worse` for --split " + split + " first");
  const good = new Map(g.ids().map((id) => [id, g.get(id) as GeneratedResponse]));
  const worse = new Map(w.ids().map((id) => [id, w.get(id) as WorseResponse]));
  return buildPairs(instructions, good, worse, seed);
}

function report(ctx: CliContext, stage: string, r: { done: Map<string, unknown>; failed: { id: string; error: string }[]; skipped: number }, extra: Record<string, unknown> = {}) {
  ctx.json({ stage, done: r.done.size, failed: r.failed.length, skipped: r.skipped, ...extra, ...(r.failed.length ? { firstFailure: r.failed[0] } : {}) });
}

const generate: Command = {
  name: "generate",
  summary: "Stage 1: a response per instruction (role generator) → <split>-generate.jsonl.",
  options: [...common, splitOpt],
  run: (args, ctx) =>
    withEnv(args, async (env) => {
      const split = args.options.split as "train" | "eval";
      const r = await generateResponses({ llm: env.llm, runDir: env.runDir, prompts: loadStudyPrompts(), instructions: splitOf(args, env.runDir)[split], stage: split + "-generate", concurrency: args.options.concurrency as number });
      report(ctx, split + "-generate", r);
    }),
};

const worse: Command = {
  name: "worse",
  summary: "Stage 2: modified instruction + its answer (role generator), parsed; parse failures recorded → <split>-worse.jsonl.",
  options: [...common, splitOpt],
  run: (args, ctx) =>
    withEnv(args, async (env) => {
      const split = args.options.split as "train" | "eval";
      const r = await generateWorse({ llm: env.llm, runDir: env.runDir, prompts: loadStudyPrompts(), instructions: splitOf(args, env.runDir)[split], stage: split + "-worse", concurrency: args.options.concurrency as number });
      const fails: Record<string, number> = {};
      for (const v of r.done.values()) if (!v.ok) fails[(v as Extract<WorseResponse, { ok: false }>).reason] = (fails[(v as Extract<WorseResponse, { ok: false }>).reason] ?? 0) + 1;
      report(ctx, split + "-worse", r, { parseFailures: fails });
    }),
};

const judge: Command = {
  name: "judge",
  summary: "Stage 3: judge the pairs (role judge; n samples, temperature, optional both orders) → <stage>.jsonl.",
  options: [...common, splitOpt, ...judgeOpts, { name: "model", type: "string", placeholder: "MODEL", description: "Judge with this fine-tuned model on a dedicated endpoint (started and always stopped)." }, { name: "hardware", type: "string", default: "2x_nvidia_h100_80gb_sxm", description: "Endpoint hardware for --model." }],
  run: (args, ctx) =>
    withEnv(args, async (env) => {
      const split = args.options.split as "train" | "eval";
      const seed = args.options.seed as number;
      const { pairs, excluded } = pairsOf(env.runDir, split, splitOf(args, env.runDir)[split], seed);
      const stage = (args.options.stage as string | undefined) ?? split + "-judge";
      const run = () => judgePairs({ llm: env.llm, runDir: env.runDir, prompts: loadStudyPrompts(), pairs, stage, n: args.options.samples as number, temperature: args.options.temperature as number, bothOrders: args.options["both-orders"] as boolean, rule: args.options.rule as VerdictRule, concurrency: args.options.concurrency as number });
      const model = args.options.model as string | undefined;
      const r = model ? await withJudgeEndpoint(env.together, env.llm, model, { hardware: args.options.hardware as string, pollMs: env.together.isLoopback ? 1 : undefined, onMessage: (m) => ctx.info(m) }, run) : await run();
      report(ctx, stage, r, { pairs: pairs.length, excluded: excluded.length });
    }),
};

const buildTrain: Command = {
  name: "build-train",
  summary: "Stage 4: rejection sampling (correct judgements only, one per pair) + A/B balancing → Together chat JSONL.",
  options: [...common, { name: "stage", type: "string", default: "train-judge", description: "Judge stage to read." }, { name: "out", type: "string", placeholder: "FILE", description: "Training file (default <run-dir>/<stage>-train.jsonl)." }, { name: "balance", type: "string", default: "downsample", choices: ["downsample", "none"], description: "Balancing of A-better / B-better rows." }],
  run: (args, ctx) => {
    const runDir = path.resolve(args.options["run-dir"] as string);
    const stage = args.options.stage as string;
    const { pairs } = pairsOf(runDir, "train", splitOf(args, runDir).train, args.options.seed as number);
    const st = openStage<PairJudgement>(runDir, stage);
    if (st.ids().length === 0) throw new UserError("no judgements in " + path.join(runDir, stage + ".jsonl") + "; run `self-taught judge` first");
    const ts = buildTrainingSet(pairs, st.values(), loadStudyPrompts(), { seed: String(args.options.seed), balance: args.options.balance as Balance });
    if (ts.rows.length === 0) throw new UserError("no correct judgements to train on: " + JSON.stringify(ts.stats));
    const out = path.resolve((args.options.out as string | undefined) ?? path.join(runDir, stage + "-train.jsonl"));
    const w = writeTrainingFile(out, ts.rows, { format: "conversation" });
    ctx.json({ file: out, sha256: w.sha256, ...ts.stats });
  },
};

const finetune: Command = {
  name: "finetune",
  summary: "Stage 5: upload a training file and fine-tune on Together (re-attaches to an existing job for the same data and parameters).",
  options: [
    ...common,
    { name: "file", type: "string", required: true, placeholder: "FILE", description: "Training JSONL (from build-train)." },
    { name: "model", type: "string", placeholder: "MODEL", description: "Base model (default: the judge role's model)." },
    { name: "from-checkpoint", type: "string", placeholder: "JOB", description: "Continue from a previous job / output model." },
    { name: "epochs", type: "number", default: 1, description: "Epochs." },
    { name: "learning-rate", type: "number", description: "Learning rate." },
    { name: "lora", type: "boolean", default: true, description: "LoRA (default) or full fine-tuning (--no-lora)." },
    { name: "suffix", type: "string", default: "self-taught", description: "Output model suffix." },
  ],
  run: (args, ctx) =>
    withEnv(args, async (env) => {
      const file = path.resolve(args.options.file as string);
      const up = await uploadTrainingFile(env.together, file, { runDir: env.runDir, pollMs: env.together.isLoopback ? 1 : undefined, onMessage: (m) => ctx.info(m) });
      const ft = await runFineTune(
        env.together,
        { model: (args.options.model as string | undefined) ?? env.llm.endpoint("judge").model, trainingFile: up.file.id, nEpochs: args.options.epochs as number, learningRate: args.options["learning-rate"] as number | undefined, lora: args.options.lora as boolean, suffix: args.options.suffix as string, fromCheckpoint: args.options["from-checkpoint"] as string | undefined },
        { runDir: env.runDir, trainingSha256: up.sha256, pollMs: env.together.isLoopback ? 1 : undefined, onMessage: (m) => ctx.info(m), onEvent: (e) => ctx.info("finetune: " + e.message) },
      );
      ctx.json({ jobId: ft.job.id, status: ft.job.status, outputName: ft.outputName, reattached: ft.reattached, fileId: up.file.id, uploadSkipped: up.skipped });
    }),
};

const evaluate: Command = {
  name: "evaluate",
  summary: "Stage 6: judge the evaluation pairs (or reuse the records) and print accuracy, 95% Wilson CI, invalid rate, order consistency.",
  options: [...common, ...judgeOpts.filter((o) => o.name !== "stage"), { name: "stage", type: "string", default: "eval-judge", description: "Judge stage name." }, { name: "model", type: "string", placeholder: "MODEL", description: "Evaluate this fine-tuned model on a dedicated endpoint." }, { name: "hardware", type: "string", default: "2x_nvidia_h100_80gb_sxm", description: "Endpoint hardware for --model." }, { name: "scoring", type: "string", default: "strict", choices: ["strict", "rewardbench"], description: "Invalid verdicts: wrong, or half credit." }],
  run: (args, ctx) =>
    withEnv(args, async (env) => {
      const { pairs, excluded } = pairsOf(env.runDir, "eval", splitOf(args, env.runDir).eval, args.options.seed as number);
      const stage = args.options.stage as string;
      const run = () => judgePairs({ llm: env.llm, runDir: env.runDir, prompts: loadStudyPrompts(), pairs, stage, n: args.options.samples as number, temperature: args.options.temperature as number, bothOrders: args.options["both-orders"] as boolean, rule: args.options.rule as VerdictRule, concurrency: args.options.concurrency as number });
      const model = args.options.model as string | undefined;
      const r = model ? await withJudgeEndpoint(env.together, env.llm, model, { hardware: args.options.hardware as string, pollMs: env.together.isLoopback ? 1 : undefined, onMessage: (m) => ctx.info(m) }, run) : await run();
      if (r.failed.length) throw new UserError(r.failed.length + " judge calls failed (first: " + r.failed[0].error + "); re-run to retry");
      const e = evaluateJudgements(pairs, Array.from(r.done.values()), { scoring: args.options.scoring as "strict" | "rewardbench", judge: model ?? env.llm.endpoint("judge").model });
      ctx.json({ stage, excluded: excluded.length, ...e });
    }),
};

const loop: Command = {
  name: "loop",
  summary: "The whole iteration loop (annotate → fine-tune → endpoint → evaluate → stop), resumable; prints one JSON line per iteration.",
  options: [
    ...common,
    { name: "preset", type: "string", default: "smaller-set", choices: ["smaller-set", "larger-set"], description: "Base model and reported numbers of a published configuration." },
    { name: "iterations", type: "number", default: 4, description: "Fine-tuning iterations." },
    { name: "from", type: "string", default: "previous", choices: ["base", "previous"], description: "Fine-tune each iteration from the base model or from the previous iteration." },
    { name: "eval-pairs", type: "string", default: "fixed", choices: ["fixed", "regenerate"], description: "fixed (shared by all iterations) or regenerate (the original's behaviour)." },
    { name: "annotate-samples", type: "number", default: 4, description: "Judge samples per training pair." },
    { name: "annotate-temperature", type: "number", default: 0.7, description: "Annotation temperature." },
    { name: "rule", type: "string", default: "any", choices: ["any", "last-line"], description: "Verdict rule." },
    { name: "balance", type: "string", default: "downsample", choices: ["downsample", "none"], description: "Balancing of the training rows." },
    { name: "epochs", type: "number", default: 1, description: "Epochs per fine-tune." },
    { name: "hardware", type: "string", default: "2x_nvidia_h100_80gb_sxm", description: "Dedicated endpoint hardware." },
  ],
  examples: ["npx evalbook self-taught loop --offline --run-dir runs/st-demo --n-train 60 --n-eval 30 --iterations 2", "npx evalbook self-taught loop --run-dir runs/st-mixtral --role generator=together:mistralai/Mixtral-8x7B-Instruct-v0.1 --role judge=together:mistralai/Mixtral-8x7B-Instruct-v0.1"],
  run: (args, ctx) =>
    withEnv(args, async (env) => {
      const { train, eval: ev } = splitOf(args, env.runDir);
      const preset = args.options.preset === "larger-set" ? LARGER_SET : SMALLER_SET;
      const pollMs = env.together.isLoopback ? 1 : undefined;
      const res = await runSelfTaughtLoop({
        llm: env.llm,
        together: env.together,
        runDir: env.runDir,
        train,
        eval: ev,
        iterations: args.options.iterations as number,
        seed: args.options.seed as number,
        annotate: { n: args.options["annotate-samples"] as number, temperature: args.options["annotate-temperature"] as number },
        rule: args.options.rule as VerdictRule,
        balance: args.options.balance as Balance,
        evalPairs: args.options["eval-pairs"] as "fixed" | "regenerate",
        fineTune: { from: args.options.from as "base" | "previous", nEpochs: args.options.epochs as number, lora: preset.lora, pollMs },
        endpoint: { hardware: args.options.hardware as string, pollMs },
        concurrency: args.options.concurrency as number,
        onMessage: (m) => ctx.info(m),
      });
      for (const r of iterationRows(res.iterations, preset.reported)) ctx.json({ ...r, model: res.iterations.find((x) => x.iteration === r.iteration)?.judgeModel });
    }),
};

const judgeReal: Command = {
  name: "judge-real",
  summary: "Judge a real labelled pairwise set (LLMBar subset(s) or Auto-J) with the judge role; write verdicts JSONL and print the scores.",
  description: "Pairs keep the dataset's order as the forward order (output 1 at A); both orders are judged unless --no-both-orders. Ties (Auto-J) cannot be judged by an A/B judge and are skipped (counted). The verdicts file can be re-scored with `judge-eval --verdicts`.",
  options: [
    ...common.filter((o) => !["instructions", "n-train", "n-eval"].includes(o.name)),
    { name: "dataset", type: "string", required: true, choices: ["llmbar", "autoj"], description: "Dataset format." },
    { name: "path", type: "string", required: true, placeholder: "DIR", description: "LLMBar folder holding dataset.json files (searched recursively), or the Auto-J folder/file." },
    { name: "limit", type: "number", description: "Judge only the first N labelled pairs." },
    { name: "both-orders", type: "boolean", default: true, description: "Also judge with the outputs swapped (consistency)." },
    { name: "rule", type: "string", default: "any", choices: ["any", "last-line"], description: "Verdict rule." },
    { name: "stage", type: "string", default: "real-judge", description: "Stage name (records in the run directory)." },
    { name: "out", type: "string", placeholder: "FILE", description: "Verdicts JSONL (default <run-dir>/<stage>.verdicts.jsonl)." },
    { name: "model", type: "string", placeholder: "MODEL", description: "Judge with this fine-tuned model on a dedicated endpoint." },
    { name: "hardware", type: "string", default: "2x_nvidia_h100_80gb_sxm", description: "Endpoint hardware for --model." },
  ],
  run: (args, ctx) =>
    withEnv(args, async (env) => {
      const root = path.resolve(args.options.path as string);
      let pairs: JudgePair[];
      if (args.options.dataset === "autoj") pairs = loadAutoJPairs(fs.statSync(root).isFile() ? root : path.join(root, "testdata_pairwise.jsonl"));
      else {
        pairs = [];
        const walk = (d: string): void => {
          if (fs.existsSync(path.join(d, "dataset.json"))) pairs.push(...loadLlmbarDataset(d));
          for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) if (e.isDirectory() && e.name !== "evaluators") walk(path.join(d, e.name));
        };
        walk(root);
        if (pairs.length === 0) throw new UserError("no dataset.json under " + root);
      }
      const limit = args.options.limit as number | undefined;
      if (limit !== undefined) pairs = pairs.filter((p) => p.label === 1 || p.label === 2).slice(0, limit);
      const stage = args.options.stage as string;
      const run = () => judgeRealPairs({ llm: env.llm, runDir: env.runDir, prompts: loadStudyPrompts(), pairs, stage, bothOrders: args.options["both-orders"] as boolean, rule: args.options.rule as VerdictRule, concurrency: args.options.concurrency as number });
      const model = args.options.model as string | undefined;
      const r = model ? await withJudgeEndpoint(env.together, env.llm, model, { hardware: args.options.hardware as string, pollMs: env.together.isLoopback ? 1 : undefined, onMessage: (m) => ctx.info(m) }, run) : await run();
      const out = path.resolve((args.options.out as string | undefined) ?? path.join(env.runDir, stage + ".verdicts.jsonl"));
      writeFileAtomic(out, toJsonl(r.records));
      ctx.json({ stage, verdictsFile: out, skippedTies: r.skipped, ...r.evaluation });
    }),
};

export const command: Command = {
  name: "self-taught",
  summary: "Self-Taught Evaluator stages: generate, worse, judge, build-train, finetune, evaluate, loop; judge-real for real labelled sets.",
  description:
    "Each stage records its results in --run-dir and a re-run skips what is recorded. The split of --instructions into --n-train/--n-eval (seeded) is written to <run-dir>/split.json and must stay the same. " +
    "--offline runs against an in-process loopback server with the simulated model (fine-tuning and endpoints are simulated too; their state lives only as long as the command, so use `loop` or --server for multi-step offline work).",
  subcommands: [generate, worse, judge, buildTrain, finetune, evaluate, loop, judgeReal],
};

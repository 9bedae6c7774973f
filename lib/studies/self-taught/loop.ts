/**
 * The Self-Taught Evaluator iteration loop:
 *
 *   iteration 0: evaluate the base judge on the evaluation pairs;
 *   iteration i = 1..N: annotate the training pairs with the current judge
 *   (the base judge for i = 1, else iteration i-1's fine-tuned judge) →
 *   rejection sampling + balancing → training file → upload → fine-tune
 *   (from the base model, or from the previous iteration's job) → deploy the
 *   output model on a dedicated endpoint (withEndpoint: always stopped) →
 *   evaluate it (and, while it runs, annotate the training pairs for
 *   iteration i+1) → stop → record the iteration.
 *
 * Everything is recorded under `runDir`: stage records (`*.jsonl`, via
 * runStage), training files, the Together files/jobs ledgers, and
 * `iterations.jsonl` (one record per finished iteration). Re-running with
 * the same options resumes: finished iterations are skipped, finished stage
 * items are not called again, uploads of identical files are skipped and a
 * fine-tune job with the same data and parameters is re-attached, not
 * created again.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { openStage } from "../../llm/records";
import type { Endpoint, LLM } from "../../llm/types";
import type { TogetherHttp } from "../../together/http";
import { uploadTrainingFile } from "../../together/files/upload";
import { writeTrainingFile } from "../../together/files/write";
import { runFineTune } from "../../together/finetune/ensure";
import type { LoraParams } from "../../together/finetune/params";
import { withEndpoint } from "../../together/endpoints/scoped";
import { UserError } from "../../util/errors";
import { evaluateJudgements, type JudgeEvaluation } from "./evaluate";
import type { Instruction } from "./instructions";
import type { Scoring } from "./metrics/judge-scores";
import { loadStudyPrompts, type StudyPrompts } from "./prompts";
import { buildPairs, generateResponses, generateWorse, isDryRun, judgePairs, type ExcludedItem } from "./stages";
import { buildTrainingSet, type Balance, type TrainSetStats } from "./train-set";
import type { PairJudgement, SyntheticPair } from "./types";
import type { VerdictRule } from "./verdict";

/** How the evaluation pairs are made. */
export type EvalPairsMode =
  /** Once, by the generator role, shared by every iteration (default; the fix). */
  | "fixed"
  /** As the original: regenerated in every iteration by the model being evaluated. */
  | "regenerate";

export interface LoopOptions {
  /** Client with roles "generator" and "judge" (the base judge). */
  llm: LLM;
  together: TogetherHttp;
  runDir: string;
  train: Instruction[];
  eval: Instruction[];
  /** Fine-tuning iterations after the base evaluation (paper: 4). */
  iterations: number;
  seed: number;
  prompts?: StudyPrompts;
  /** Annotation of the training pairs: samples per pair and temperature (default 4 at 0.7). */
  annotate?: { n?: number; temperature?: number; bothOrders?: boolean };
  /** Evaluation: samples per pair (majority vote), temperature, both orders (default 1 at 0, both orders). */
  evaluation?: { n?: number; temperature?: number; bothOrders?: boolean; scoring?: Scoring };
  rule?: VerdictRule;
  balance?: Balance;
  evalPairs?: EvalPairsMode;
  fineTune?: { from?: "base" | "previous"; nEpochs?: number; learningRate?: number; batchSize?: number | "max"; lora?: boolean | LoraParams; suffix?: string; pollMs?: number };
  endpoint?: { hardware?: string; minReplicas?: number; maxReplicas?: number; pollMs?: number; readyTimeoutMs?: number };
  concurrency?: number;
  maxTokens?: { generate?: number; worse?: number; judge?: number };
  onMessage?: (message: string) => void;
  /** Stop after this many newly finished iterations (tests: simulate an interruption). */
  stopAfter?: number;
}

/** What one finished iteration recorded. */
export interface IterationRecord {
  iteration: number;
  /** The judge evaluated in this iteration. */
  judgeModel: string;
  evaluation: JudgeEvaluation;
  evalPairs: number;
  fineTune?: {
    jobId: string;
    outputName: string;
    from: "base" | "previous";
    fromCheckpoint?: string;
    trainingFile: string;
    sha256: string;
    fileId: string;
    stats: TrainSetStats;
    reattached: boolean;
  };
  endpointId?: string;
  simulated: boolean;
  finishedAt: string;
}

/** Everything the loop produced (also readable later with readLoop). */
export interface LoopResult {
  iterations: IterationRecord[];
  trainPairs: number;
  evalPairs: number;
  excluded: { train: ExcludedItem[]; eval: ExcludedItem[] };
  baseJudge: string;
}

function completeStage(runDir: string, stage: string, ids: string[]): boolean {
  const st = openStage(runDir, stage);
  return ids.every((id) => st.has(id));
}

/** Make the synthetic pairs of a set of instructions (generate + worse stages). */
export async function makePairs(o: {
  llm: LLM;
  runDir: string;
  prompts: StudyPrompts;
  instructions: Instruction[];
  prefix: string;
  role?: string;
  seed: number;
  concurrency?: number;
  maxTokens?: { generate?: number; worse?: number };
}): Promise<{ pairs: SyntheticPair[]; excluded: ExcludedItem[] }> {
  const common = { llm: o.llm, runDir: o.runDir, prompts: o.prompts, role: o.role, concurrency: o.concurrency, progress: false as const };
  const g = await generateResponses({ ...common, instructions: o.instructions, stage: o.prefix + "-generate", maxTokens: o.maxTokens?.generate });
  const w = await generateWorse({ ...common, instructions: o.instructions, stage: o.prefix + "-worse", maxTokens: o.maxTokens?.worse });
  if (isDryRun(o.llm)) {
    // placeholders answers are empty: count the judge calls on stand-in pairs of every instruction
    const stand = "(dry run: response not generated)";
    return { pairs: o.instructions.map((it) => ({ id: it.id, instruction: it.text, good: stand, worse: stand, goodPosition: "A" as const })), excluded: [] };
  }
  const r = buildPairs(o.instructions, g.done, w.done, o.seed);
  // stage failures (provider errors) are excluded too, with their reason
  for (const f of [...g.failed, ...w.failed]) {
    const e = r.excluded.find((x) => x.id === f.id);
    if (e) e.reason += " (" + f.error + ")";
  }
  return r;
}

/** Judgements of a stage, in pair order. */
function judgementsOf(done: Map<string, PairJudgement>): PairJudgement[] {
  return Array.from(done.values());
}

/**
 * Run `fn` with the "judge" role pointing at a dedicated endpoint that
 * serves `model` (lib/together withEndpoint: created or reused, waited for,
 * ALWAYS stopped afterwards, the role restored).
 */
export async function withJudgeEndpoint<T>(
  together: TogetherHttp,
  llm: LLM,
  model: string,
  opts: { hardware?: string; minReplicas?: number; maxReplicas?: number; pollMs?: number; readyTimeoutMs?: number; onMessage?: (m: string) => void },
  fn: (endpointId: string) => Promise<T>,
): Promise<T> {
  return withEndpoint(
    together,
    { model, hardware: opts.hardware ?? "2x_nvidia_h100_80gb_sxm", minReplicas: opts.minReplicas ?? 1, maxReplicas: opts.maxReplicas ?? 1, llm, role: "judge", pollMs: opts.pollMs, readyTimeoutMs: opts.readyTimeoutMs, onMessage: opts.onMessage },
    async (ep) => {
      // The loopback server needs no key, but the client requires (and would send) one for provider
      // "together": offline, reach the same endpoint as an OpenAI-compatible server instead, so no
      // Together key from the environment is ever sent to the mock.
      if (together.isLoopback) llm.setRole("judge", { ...llm.endpoint("judge"), provider: "openai-compatible" });
      return fn(ep.id);
    },
  );
}

/** Run (or resume) the loop. */
export async function runSelfTaughtLoop(o: LoopOptions): Promise<LoopResult> {
  fs.mkdirSync(o.runDir, { recursive: true });
  const say = o.onMessage ?? (() => {});
  const prompts = o.prompts ?? loadStudyPrompts();
  const base: Endpoint = o.llm.endpoint("judge");
  const ann = { n: o.annotate?.n ?? 4, temperature: o.annotate?.temperature ?? 0.7, bothOrders: o.annotate?.bothOrders ?? false };
  const ev = { n: o.evaluation?.n ?? 1, temperature: o.evaluation?.temperature ?? 0, bothOrders: o.evaluation?.bothOrders ?? true, scoring: o.evaluation?.scoring ?? ("strict" as Scoring) };
  const mode = o.evalPairs ?? "fixed";
  const from = o.fineTune?.from ?? "previous";
  const hardware = o.endpoint?.hardware ?? "2x_nvidia_h100_80gb_sxm";
  const common = { llm: o.llm, runDir: o.runDir, prompts, concurrency: o.concurrency, progress: false as const };

  const trainSet = await makePairs({ ...common, instructions: o.train, prefix: "train", seed: o.seed, maxTokens: o.maxTokens });
  say("self-taught: " + trainSet.pairs.length + " training pairs (" + trainSet.excluded.length + " excluded)");
  const fixedEval = mode === "fixed" ? await makePairs({ ...common, instructions: o.eval, prefix: "eval", seed: o.seed, maxTokens: o.maxTokens }) : undefined;
  if (fixedEval) say("self-taught: " + fixedEval.pairs.length + " fixed evaluation pairs (" + fixedEval.excluded.length + " excluded)");

  const iterations = openStage<IterationRecord>(o.runDir, "iterations");
  let newlyFinished = 0;
  const annotateIds = (pairs: SyntheticPair[]) => pairs.flatMap((p) => (ann.bothOrders ? [p.id, p.id + "#swapped"] : [p.id]));

  /** Evaluate the judge the "judge" role points at now. */
  const evaluate = async (i: number): Promise<{ evaluation: JudgeEvaluation; evalPairs: number }> => {
    let pairs: SyntheticPair[];
    if (fixedEval) pairs = fixedEval.pairs;
    else pairs = (await makePairs({ ...common, instructions: o.eval, prefix: "iter" + i + "-eval", role: "judge", seed: o.seed, maxTokens: o.maxTokens })).pairs;
    const j = await judgePairs({ ...common, pairs, stage: "iter" + i + "-eval", n: ev.n, temperature: ev.temperature, bothOrders: ev.bothOrders, rule: o.rule, maxTokens: o.maxTokens?.judge });
    if (j.failed.length) throw new UserError("iteration " + i + ": " + j.failed.length + " evaluation calls failed (first: " + j.failed[0].error + "); re-run to retry them");
    return { evaluation: evaluateJudgements(pairs, judgementsOf(j.done), { scoring: ev.scoring, judge: o.llm.endpoint("judge").model }), evalPairs: pairs.length };
  };
  const annotate = async (i: number) =>
    judgePairs({ ...common, pairs: trainSet.pairs, stage: "iter" + i + "-annotate", n: ann.n, temperature: ann.temperature, bothOrders: ann.bothOrders, rule: o.rule, maxTokens: o.maxTokens?.judge });

  const deployed = <T>(model: string, fn: (endpointId: string) => Promise<T>): Promise<T> => withJudgeEndpoint(o.together, o.llm, model, { ...o.endpoint, hardware, onMessage: say }, fn);

  const finished = (i: number) => iterations.has("iter" + i);
  const dry = isDryRun(o.llm);
  if (dry) {
    // A dry run counts the calls up to the first fine-tune (later ones depend on its result) and records nothing.
    o.llm.setRole("judge", base);
    if (!finished(0)) await evaluate(0);
    if (!finished(1)) await annotate(1);
    say("self-taught: dry run: counted the calls up to the first fine-tune; nothing was recorded");
    return { iterations: readIterations(o.runDir), trainPairs: trainSet.pairs.length, evalPairs: fixedEval ? fixedEval.pairs.length : o.eval.length, excluded: { train: trainSet.excluded, eval: fixedEval?.excluded ?? [] }, baseJudge: base.model };
  }
  if (!finished(0)) {
    o.llm.setRole("judge", base);
    const e = await evaluate(0);
    iterations.put("iter0", { iteration: 0, judgeModel: base.model, ...e, simulated: base.model.startsWith("simulated/"), finishedAt: new Date().toISOString() });
    say("self-taught: iteration 0 (base) accuracy " + (e.evaluation.accuracy * 100).toFixed(1) + "%");
  }

  for (let i = 1; i <= o.iterations; i++) {
    if (finished(i)) continue;
    if (o.stopAfter !== undefined && newlyFinished >= o.stopAfter) break;
    const prev = i > 1 ? (iterations.get("iter" + (i - 1)) as IterationRecord) : undefined;
    const prevModel = prev?.fineTune?.outputName;
    // 1. annotation by the current judge
    let annotations;
    if (i === 1 || completeStage(o.runDir, "iter" + i + "-annotate", annotateIds(trainSet.pairs))) {
      o.llm.setRole("judge", base);
      annotations = await annotate(i);
    } else annotations = await deployed(prevModel as string, () => annotate(i));
    if (annotations.failed.length) throw new UserError("iteration " + i + ": " + annotations.failed.length + " annotation calls failed (first: " + annotations.failed[0].error + "); re-run to retry them");
    // 2. rejection sampling + balancing → training file
    const ts = buildTrainingSet(trainSet.pairs, judgementsOf(annotations.done), prompts, { seed: o.seed + ":" + i, balance: o.balance });
    if (ts.rows.length === 0) throw new UserError("iteration " + i + ": no correct judgements to train on (" + JSON.stringify(ts.stats) + ")");
    const trainFile = path.join(o.runDir, "iter" + i + "-train.jsonl");
    const written = writeTrainingFile(trainFile, ts.rows, { format: "conversation" });
    say("self-taught: iteration " + i + ": " + ts.rows.length + " training rows (" + ts.stats.selectedA + " A / " + ts.stats.selectedB + " B before balancing)");
    // 3. upload + fine-tune (re-attaches to an existing job for identical data and parameters)
    const up = await uploadTrainingFile(o.together, trainFile, { runDir: o.runDir, pollMs: o.fineTune?.pollMs, onMessage: say });
    const fromCheckpoint = from === "previous" && prev?.fineTune ? prev.fineTune.jobId : undefined;
    const ft = await runFineTune(
      o.together,
      {
        model: base.model,
        trainingFile: up.file.id,
        nEpochs: o.fineTune?.nEpochs ?? 1,
        learningRate: o.fineTune?.learningRate,
        batchSize: o.fineTune?.batchSize,
        lora: o.fineTune?.lora ?? true,
        suffix: (o.fineTune?.suffix ?? "self-taught") + "-it" + i,
        fromCheckpoint,
      },
      { runDir: o.runDir, trainingSha256: written.sha256, pollMs: o.fineTune?.pollMs, onMessage: say },
    );
    say("self-taught: iteration " + i + ": fine-tuned " + ft.outputName + (ft.reattached ? " (re-attached)" : ""));
    // 4. deploy, evaluate, pre-annotate for the next iteration, stop
    let endpointId = "";
    const e = await deployed(ft.outputName, async (id) => {
      endpointId = id;
      const r = await evaluate(i);
      if (i < o.iterations) {
        const next = await annotate(i + 1);
        if (next.failed.length) say("self-taught: " + next.failed.length + " annotations for iteration " + (i + 1) + " failed; they are retried then");
      }
      return r;
    });
    o.llm.setRole("judge", base);
    iterations.put("iter" + i, {
      iteration: i,
      judgeModel: ft.outputName,
      ...e,
      fineTune: { jobId: ft.job.id, outputName: ft.outputName, from, fromCheckpoint, trainingFile: path.relative(o.runDir, trainFile), sha256: written.sha256, fileId: up.file.id, stats: ts.stats, reattached: ft.reattached },
      endpointId,
      simulated: ft.outputName.startsWith("simulated/"),
      finishedAt: new Date().toISOString(),
    });
    newlyFinished++;
    say("self-taught: iteration " + i + " accuracy " + (e.evaluation.accuracy * 100).toFixed(1) + "%");
  }
  o.llm.setRole("judge", base);
  return {
    iterations: readIterations(o.runDir),
    trainPairs: trainSet.pairs.length,
    evalPairs: fixedEval ? fixedEval.pairs.length : o.eval.length,
    excluded: { train: trainSet.excluded, eval: fixedEval?.excluded ?? [] },
    baseJudge: base.model,
  };
}

/** The finished iterations recorded in a run directory, in order. */
export function readIterations(runDir: string): IterationRecord[] {
  const st = openStage<IterationRecord>(runDir, "iterations");
  return st
    .ids()
    .map((id) => st.get(id) as IterationRecord)
    .sort((a, b) => a.iteration - b.iteration);
}

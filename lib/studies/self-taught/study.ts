/**
 * One call for a notebook: set up the LLM (offline simulated model by
 * default, or the project's configured endpoints), load and split the
 * instructions, run (or resume) the loop, and judge the real labelled sets.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createLLM, type LLMClient } from "../../llm/client";
import { openStage } from "../../llm/records";
import { startOfflineLLM } from "../../llm/offline";
import { fromRoot, sharedDataPath } from "../../io/paths";
import { TogetherHttp } from "../../together/http";
import { createTogetherMock } from "../../together/mock-routes";
import { loadLlmbarDataset } from "../../data/judge/llmbar";
import { evaluateAutoJ, evaluateLlmbar } from "./real-judges";
import { loadInstructions, splitInstructions, type InstructionSource } from "./instructions";
import { runSelfTaughtLoop, withJudgeEndpoint, type EvalPairsMode, type LoopResult } from "./loop";
import { loadStudyPrompts } from "./prompts";
import { judgeRealPairs } from "./real-pairs";
import type { RealJudgeRow } from "./figures";
import type { Balance } from "./train-set";
import type { VerdictRule } from "./verdict";

/** A published configuration of the study. */
export interface StudyPreset {
  name: "smaller-set" | "larger-set";
  /** Base model of the original runs (judge and generator). */
  baseModel: string;
  nTrain: number;
  nEval: number;
  iterations: number;
  lora: boolean;
  /** Reported accuracies by iteration (fractions; index 0 = base), empty when not reported. */
  reported: number[];
}

/** Smaller set: Mixtral-8x7B-Instruct, 200 train / 50 eval instructions, 4 LoRA iterations; reported 74, 86, 74, 72, 72 %. */
export const SMALLER_SET: StudyPreset = { name: "smaller-set", baseModel: "mistralai/Mixtral-8x7B-Instruct-v0.1", nTrain: 200, nEval: 50, iterations: 4, lora: true, reported: [0.74, 0.86, 0.74, 0.72, 0.72] };

/** Larger set: Llama-3.1-Nemotron-70B-Instruct, 600 train / 381 eval instructions (no per-iteration accuracies given with the configuration). */
export const LARGER_SET: StudyPreset = { name: "larger-set", baseModel: "nvidia/Llama-3.1-Nemotron-70B-Instruct-HF", nTrain: 600, nEval: 381, iterations: 4, lora: true, reported: [] };

export interface StudyOptions {
  preset: StudyPreset;
  /** Overrides of the preset's sizes (e.g. smaller offline runs). */
  nTrain?: number;
  nEval?: number;
  iterations?: number;
  seed?: number;
  /** true (default): the loopback server's simulated model; false: the project's endpoints (evalbook.config.json / env). */
  offline?: boolean;
  /** Simulated base judge and generator (offline only). */
  simulatedJudge?: string;
  simulatedGenerator?: string;
  instructionSource?: InstructionSource;
  /** Default runs/<preset>-<offline|real>-seed<seed>. */
  runDir?: string;
  evalPairs?: EvalPairsMode;
  fineTuneFrom?: "base" | "previous";
  annotateSamples?: number;
  annotateTemperature?: number;
  bothOrders?: boolean;
  rule?: VerdictRule;
  balance?: Balance;
  nEpochs?: number;
  hardware?: string;
  /** Judge real LLMBar pairs with the base and the last judge (default true when the shared data exist). */
  judgeRealSets?: boolean;
  concurrency?: number;
  onMessage?: (m: string) => void;
}

export interface StudyResult {
  loop: LoopResult;
  runDir: string;
  simulated: boolean;
  instructionsFrom: string[];
  /** Judges on real labelled sets: recorded (from the data) and ours. */
  realJudges: RealJudgeRow[];
  settings: Record<string, unknown>;
}

/** Run (or resume) the whole study. */
export async function runStudy(o: StudyOptions): Promise<StudyResult> {
  const p = o.preset;
  const seed = o.seed ?? 42;
  const offline = o.offline ?? true;
  const runDir = o.runDir ?? fromRoot("runs", p.name + "-" + (offline ? "offline" : "real") + "-seed" + seed);
  fs.mkdirSync(runDir, { recursive: true });
  const say = o.onMessage ?? (() => {});
  const { instructions, used } = loadInstructions(o.instructionSource ?? "auto");
  const nTrain = o.nTrain ?? p.nTrain;
  const nEval = o.nEval ?? p.nEval;
  const iterations = o.iterations ?? p.iterations;
  const { train, eval: ev } = splitInstructions(instructions, nTrain, nEval, seed);

  let llm: LLMClient;
  let together: TogetherHttp;
  let close: () => Promise<void>;
  if (offline) {
    const mock = createTogetherMock();
    const off = await startOfflineLLM({
      roles: { generator: o.simulatedGenerator ?? "simulated/self-taught?gen=0.9", judge: o.simulatedJudge ?? "simulated/self-taught?quality=0.74&bias=0.05" },
      runDir,
      seed,
      server: { routes: mock.routes },
    });
    llm = off.llm;
    together = new TogetherHttp({ baseURL: off.server.url, env: {}, maxRetries: 0 });
    close = () => off.close();
  } else {
    llm = createLLM({ runDir });
    // Roles from evalbook.config.json / EVALBOOK_ROLE_*; a role left unconfigured gets the preset's base model on Together.
    for (const role of ["generator", "judge"]) {
      try {
        llm.endpoint(role);
      } catch {
        llm.setRole(role, { provider: "together", model: p.baseModel });
      }
    }
    together = new TogetherHttp();
    close = () => llm.close();
  }
  const settings = { preset: p.name, baseModel: offline ? llm.endpoint("judge").model : p.baseModel, nTrain, nEval, iterations, seed, offline, evalPairs: o.evalPairs ?? "fixed", fineTuneFrom: o.fineTuneFrom ?? "previous", lora: p.lora };
  try {
    const pollMs = offline ? 1 : undefined;
    const loop = await runSelfTaughtLoop({
      llm,
      together,
      runDir,
      train,
      eval: ev,
      iterations,
      seed,
      annotate: { n: o.annotateSamples ?? 4, temperature: o.annotateTemperature ?? 0.7 },
      evaluation: { bothOrders: o.bothOrders ?? true },
      rule: o.rule,
      balance: o.balance,
      evalPairs: o.evalPairs,
      fineTune: { from: o.fineTuneFrom ?? "previous", nEpochs: o.nEpochs ?? 1, lora: p.lora, pollMs },
      endpoint: { hardware: o.hardware, pollMs },
      concurrency: o.concurrency ?? (offline ? 32 : 8),
      onMessage: say,
    });
    const realJudges: RealJudgeRow[] = [];
    const llmbar = sharedDataPath("judge", "llmbar");
    if (llmbar && fs.existsSync(llmbar)) {
      for (const e of evaluateLlmbar(path.join(llmbar, "Dataset", "LLMBar")))
        if (e.judge.endsWith("/Vanilla")) realJudges.push({ set: e.subset.replace("LLMBar/", ""), judge: e.judge, accuracy: e.scores.accuracy, lower: e.scores.ci.lower, upper: e.scores.ci.upper, kind: "recorded" });
      if (o.judgeRealSets ?? true) {
        const pairs = loadLlmbarDataset(path.join(llmbar, "Dataset", "LLMBar", "Natural"));
        const prompts = loadStudyPrompts();
        const judges: { label: string; model?: string }[] = [{ label: "ours: base" }];
        const last = loop.iterations[loop.iterations.length - 1];
        if (last?.fineTune) judges.push({ label: "ours: iteration " + last.iteration, model: last.fineTune.outputName });
        for (const j of judges) {
          const stage = "llmbar-natural-" + (j.model ? "iter" + last.iteration : "base");
          const st = openStage(runDir, stage);
          const done = pairs.every((x) => st.has(x.id) && st.has(x.id + "#swapped"));
          const run = () => judgeRealPairs({ llm, runDir, prompts, pairs, stage, concurrency: o.concurrency ?? (offline ? 32 : 8) });
          const r = j.model && !done ? await withJudgeEndpoint(together, llm, j.model, { hardware: o.hardware, pollMs, onMessage: say }, run) : await run();
          realJudges.push({ set: "Natural", judge: j.label, accuracy: r.evaluation.accuracy, lower: r.evaluation.ci.lower, upper: r.evaluation.ci.upper, kind: offline ? "ours (simulated)" : "ours" });
        }
      }
    }
    const autoj = sharedDataPath("judge", "autoj");
    if (autoj && fs.existsSync(autoj)) {
      const a = evaluateAutoJ(autoj);
      realJudges.push({ set: "Auto-J (ties incl.)", judge: "Auto-J example output", accuracy: a.scores.accuracy, lower: a.scores.ci.lower, upper: a.scores.ci.upper, kind: "recorded" });
    }
    return { loop, runDir, simulated: offline, instructionsFrom: used, realJudges, settings };
  } finally {
    await close();
  }
}

import type { LLM } from "../../llm/types";
import { openStage, runStage } from "../../llm/records";
import { UserError } from "../../util/errors";
import type { SuperniTask } from "../../data/superni/types";
import { exactMatch } from "../../metrics/exact-match";
import { rougeL } from "../../metrics/rouge-l";
import { buildEvalPrompt, firstSentence, loadEvalTemplates, type EvalTemplates } from "./prompt";
import { selectInstances, type SelectedInstance } from "./instances";
import { meanContinuationLogprob } from "./loss";

/** Options of the evaluation stage. */
export interface EvaluateOptions {
  llm: LLM;
  /** Run directory (stage records go here; a re-run resumes). */
  runDir: string;
  tasks: readonly SuperniTask[];
  /** LLM role that generates answers (default "generator"). */
  role?: string;
  /** "complete" (text completion, default) or "chat" (the prompt as one user message). */
  api?: "complete" | "chat";
  /** Instances per task (default 100). */
  maxInstances?: number;
  /** Seed of the per-task instance shuffle (default 42). */
  seed?: number;
  /** "shuffle" (default: seeded shuffle, then the first maxInstances) or "file" (first maxInstances in file order). */
  order?: "shuffle" | "file";
  /** Positive examples shown in the prompt (default 0). */
  examples?: number;
  /** Keep only the first sentence of answers (default: true for chat, false for completions). */
  firstSentence?: boolean;
  /** Generation length (default 64 tokens; greedy, temperature 0). */
  maxTokens?: number;
  /** Also score the mean log-prob of the first reference (completions with echo; default true). */
  loss?: boolean;
  concurrency?: number;
  templates?: EvalTemplates;
}

/** One instance's record of the generation stage. */
export interface GenerationRecord {
  task: string;
  id: string;
  prompt: string;
  raw: string;
  prediction: string;
  references: string[];
  rougeL: number;
  exactMatch: number;
  /** Answered by the simulated model (kept in the record so a resumed run stays labelled). */
  simulated: boolean;
  /** The generator's model string. */
  model: string;
}

/** One instance's record of the loss stage. */
export interface LossRecord {
  task: string;
  id: string;
  meanLogprob: number;
  tokens: number;
  simulated: boolean;
}

/** Task-level scores (x100 for ROUGE-L and exact match, as the original). */
export interface TaskScores {
  task: string;
  n: number;
  rougeL: number;
  exactMatch: number;
  /** Mean over instances of the negative mean token log-prob of the reference (NaN without the loss stage). */
  avgLoss: number;
  failed: number;
}

/** Result of {@link evaluateTasks}. */
export interface EvaluateResult {
  scores: TaskScores[];
  generations: GenerationRecord[];
  failed: { stage: string; id: string; error: string }[];
  simulated: boolean;
}

/**
 * The evaluation stage of the study: for every task, the first
 * `maxInstances` instances of a seeded shuffle are prompted (definition,
 * optional examples, Input/Output), the answers scored with ROUGE-L
 * (stemmed, max over references) and exact match, and, with `loss`, the
 * mean log-prob of the first reference is read through the
 * completions-with-echo path. Stages ("generate", "loss") are resumable run
 * records in `runDir`.
 */
export async function evaluateTasks(opts: EvaluateOptions): Promise<EvaluateResult> {
  const role = opts.role ?? "generator";
  const api = opts.api ?? "complete";
  const cut = opts.firstSentence ?? api === "chat";
  const templates = opts.templates ?? loadEvalTemplates();
  const items: { sel: SelectedInstance; task: SuperniTask }[] = [];
  for (const task of opts.tasks) for (const sel of selectInstances(task, opts.maxInstances ?? 100, opts.seed ?? 42, opts.order ?? "shuffle")) items.push({ sel, task });
  const key = (it: { sel: SelectedInstance }) => it.sel.task + "#" + it.sel.id;
  // A run directory holds one generator's answers: resuming with another model would mix them.
  const model = opts.llm.endpoint(role).model;
  for (const rec of openStage<GenerationRecord>(opts.runDir, "generate").values()) {
    if (rec.model !== undefined && rec.model !== model) {
      throw new UserError("run directory " + opts.runDir + " holds answers of model '" + rec.model + "', not '" + model + "': use another run directory");
    }
  }
  const gen = await runStage<(typeof items)[number], GenerationRecord>({
    runDir: opts.runDir,
    stage: "generate",
    items,
    id: key,
    concurrency: opts.concurrency,
    progress: false,
    work: async ({ sel, task }) => {
      const prompt = buildEvalPrompt(templates, task.definition, sel.instance.input, task.positiveExamples, opts.examples ?? 0);
      const params = { max_tokens: opts.maxTokens ?? 64, temperature: 0 };
      const res =
        api === "chat"
          ? await opts.llm.chat(role, { messages: [{ role: "user", content: prompt }], ...params }, { stage: "generate", itemId: key({ sel }) })
          : await opts.llm.complete(role, { prompt, ...params, stop: ["\n\n"] }, { stage: "generate", itemId: key({ sel }) });
      const raw = res.choices[0]?.text ?? "";
      const prediction = cut ? firstSentence(raw) : raw.trim();
      const references = sel.instance.output;
      return { task: sel.task, id: sel.id, prompt, raw, prediction, references, rougeL: rougeL(prediction, references, { stem: true }), exactMatch: exactMatch(prediction, references), simulated: res.simulated, model };
    },
  });
  const failed: EvaluateResult["failed"] = gen.failed.map((f) => ({ stage: "generate", ...f }));
  let losses = new Map<string, LossRecord>();
  if (opts.loss ?? true) {
    const ls = await runStage<(typeof items)[number], LossRecord>({
      runDir: opts.runDir,
      stage: "loss",
      items,
      id: key,
      concurrency: opts.concurrency,
      progress: false,
      work: async ({ sel, task }) => {
        const prompt = buildEvalPrompt(templates, task.definition, sel.instance.input, task.positiveExamples, opts.examples ?? 0);
        const full = prompt + " " + sel.instance.output[0].trim();
        const res = await opts.llm.complete(role, { prompt: full, echo: true, logprobs: 0, max_tokens: 0 }, { stage: "loss", itemId: key({ sel }) });
        const lp = res.choices[0]?.logprobs;
        if (!lp) throw new Error("the endpoint returned no log-probabilities for an echo request");
        const { mean, count } = meanContinuationLogprob(lp, prompt.length);
        if (count === 0) throw new Error("no token of the reference was scored");
        return { task: sel.task, id: sel.id, meanLogprob: mean, tokens: count, simulated: res.simulated };
      },
    });
    losses = ls.done;
    for (const f of ls.failed) failed.push({ stage: "loss", ...f });
  }
  const scores: TaskScores[] = opts.tasks.map((task) => {
    const mine = items.filter((it) => it.task === task);
    let n = 0;
    let r = 0;
    let e = 0;
    let l = 0;
    let nl = 0;
    for (const it of mine) {
      const g = gen.done.get(key(it));
      if (g) {
        n++;
        r += g.rougeL;
        e += g.exactMatch;
      }
      const lr = losses.get(key(it));
      if (lr) {
        nl++;
        l += -lr.meanLogprob;
      }
    }
    return { task: task.task, n, rougeL: n ? (100 * r) / n : NaN, exactMatch: n ? (100 * e) / n : NaN, avgLoss: nl ? l / nl : NaN, failed: mine.length - n };
  });
  const generations = items.map((it) => gen.done.get(key(it))).filter((g): g is GenerationRecord => g !== undefined);
  // Records written before this field existed count as not simulated.
  const simulated = generations.some((g) => g.simulated === true) || [...losses.values()].some((l) => l.simulated === true);
  return { scores, generations, failed, simulated };
}

import type { Skill } from "../../data/skillmix/skills";
import type { ChatMessage, LLM } from "../../llm/types";
import { runStage } from "../../llm/records/run-stage";
import { UserError } from "../../util/errors";
import type { GradedItem } from "./aggregate";
import { extractAnswer } from "./answer";
import { parseGradingLines, parseGradingTable, type ParsedGrading } from "./grading-table";
import { sentenceLimit } from "./number-words";
import { generationMessages, gradingMessage, type SkillMixPrompts } from "./prompts";
import type { Combination } from "./sampling";
import { countSentences } from "./sentences";

/** One student conversation (write, then improve). */
export interface GenerationRecord {
  id: string;
  combination: number;
  topicIndex: number;
  generationRound: number;
  k: number;
  topic: string;
  /** Skills in generation (and rubric) order. */
  skills: string[];
  turns: { prompt: string; reply: string; answer: string }[];
  /** The graded answer: the last turn's extracted answer. */
  answer: string;
  model: string;
  simulated: boolean;
}

/** One grading of one generation. */
export interface GradingRecord {
  id: string;
  combination: number;
  generationRound: number;
  gradingRound: number;
  k: number;
  topic: string;
  skills: string[];
  answer: string;
  prompt: string;
  response: string;
  parsed: ParsedGrading;
  /** Sentences in the answer by the original's counter. */
  sentenceCount: number;
  /** 1 when sentenceCount <= max(1, k-1). */
  sentenceLimitPoint: number;
  model: string;
  simulated: boolean;
}

export interface GenerationOptions {
  prompts: SkillMixPrompts;
  skills: ReadonlyMap<string, Skill>;
  /** System message (the original used the chat template's default, e.g. "You are a helpful assistant."); none by default. */
  systemPrompt?: string;
  /** Student sampling temperature (original default 0.7). */
  temperature?: number;
  maxTokens?: number;
  stage?: string;
}

/**
 * Run the student's conversation for one combination through role
 * "student": each template turn is a user message in the same conversation;
 * the answer of each turn is extracted with the original rule. The
 * generation round is sent as the request seed (and cache sample index) so
 * rounds are independent samples.
 */
export async function generateOne(llm: LLM, comb: Combination, generationRound: number, opts: GenerationOptions): Promise<GenerationRecord> {
  const prompts = generationMessages(opts.prompts, comb.skills, comb.topic, opts.skills);
  const messages: ChatMessage[] = opts.systemPrompt ? [{ role: "system", content: opts.systemPrompt }] : [];
  const turns: GenerationRecord["turns"] = [];
  let model = "";
  let simulated = false;
  for (const prompt of prompts) {
    messages.push({ role: "user", content: prompt });
    const res = await llm.chat("student", { messages: [...messages], temperature: opts.temperature ?? 0.7, max_tokens: opts.maxTokens ?? 512, seed: generationRound }, { stage: opts.stage, itemId: generationId(comb, generationRound), sampleIndex: generationRound - 1 });
    const reply = res.choices[0]?.text ?? "";
    messages.push({ role: "assistant", content: reply });
    turns.push({ prompt, reply, answer: extractAnswer(reply) });
    model = res.model;
    simulated = simulated || res.simulated;
  }
  return { id: generationId(comb, generationRound), combination: comb.index, topicIndex: comb.topicIndex, generationRound, k: comb.skills.length, topic: comb.topic, skills: [...comb.skills], turns, answer: turns[turns.length - 1].answer, model, simulated };
}

/** Stable id of a generation. */
export function generationId(comb: Combination, generationRound: number): string {
  return "r" + generationRound + "_c" + comb.index + (comb.topicIndex ? "_t" + comb.topicIndex : "");
}

export interface GradingOptions {
  prompts: SkillMixPrompts;
  skills: ReadonlyMap<string, Skill>;
  /** Grading rounds (the original's --nruns): n choices of one request. */
  rounds: number;
  /** Grader temperature (original default 0.7). */
  temperature?: number;
  maxTokens?: number;
  systemPrompt?: string;
  /**
   * Reproduce the original's bug: one record object was reused for all
   * n samples of a grading request, so every grading round saved the LAST
   * sample. Default false: each round keeps its own sample.
   */
  reproduceSharedRecordBug?: boolean;
  stage?: string;
}

/**
 * Grade one generation through role "grader": one request with n = rounds
 * choices (extra requests with distinct seeds if the endpoint returns fewer),
 * each parsed in the prompt set's format; the sentence-limit verdict comes
 * from the original's sentence counter.
 */
export async function gradeOne(llm: LLM, gen: GenerationRecord, opts: GradingOptions): Promise<GradingRecord[]> {
  const prompt = gradingMessage(opts.prompts, gen.skills, gen.topic, gen.answer, opts.skills);
  const messages: ChatMessage[] = opts.systemPrompt ? [{ role: "system", content: opts.systemPrompt }] : [];
  messages.push({ role: "user", content: prompt });
  const texts: string[] = [];
  let model = "";
  let simulated = false;
  for (let attempt = 0; texts.length < opts.rounds && attempt < opts.rounds; attempt++) {
    const res = await llm.chat("grader", { messages, temperature: opts.temperature ?? 0.7, max_tokens: opts.maxTokens ?? 512, n: opts.rounds - texts.length, ...(attempt > 0 ? { seed: attempt } : {}) }, { stage: opts.stage, itemId: gen.id, sampleIndex: attempt });
    for (const c of res.choices) texts.push(c.text);
    model = res.model;
    simulated = simulated || res.simulated;
  }
  if (texts.length < opts.rounds) throw new Error("grader returned " + texts.length + " of " + opts.rounds + " gradings");
  const count = countSentences(gen.answer);
  const limitPoint = count <= sentenceLimit(gen.k) ? 1 : 0;
  const parse = opts.prompts.gradingFormat === "table" ? parseGradingTable : parseGradingLines;
  const records = texts.slice(0, opts.rounds).map((response, i) => ({
    id: gen.id + "_g" + (i + 1),
    combination: gen.combination,
    generationRound: gen.generationRound,
    gradingRound: i + 1,
    k: gen.k,
    topic: gen.topic,
    skills: gen.skills,
    answer: gen.answer,
    prompt,
    response,
    parsed: parse(response),
    sentenceCount: count,
    sentenceLimitPoint: limitPoint,
    model,
    simulated,
  }));
  if (opts.reproduceSharedRecordBug) {
    const last = records[records.length - 1];
    return records.map((r) => ({ ...last, id: r.id, gradingRound: r.gradingRound }));
  }
  return records;
}

/** Gradings as aggregation input. */
export function gradedItems(records: readonly GradingRecord[]): GradedItem[] {
  return records.map((r) => ({ combination: r.combination, generationRound: r.generationRound, gradingRound: r.gradingRound, skills: r.skills, points: r.parsed.points, sentenceLimitPoint: r.sentenceLimitPoint, answer: r.answer }));
}

export interface RunOptions {
  llm: LLM;
  /** Run directory: stage records (resumable JSONL) and meta.json. */
  runDir: string;
  combinations: readonly Combination[];
  /** Generation rounds 1..n (the original ran 3). */
  generationRounds: number;
  generation: GenerationOptions;
  grading: GradingOptions;
  /** Stage name prefix, e.g. "k3" (stages become "<prefix>-generate", "<prefix>-grade"). */
  stagePrefix: string;
  concurrency?: number;
  progress?: false;
}

export interface RunResult {
  generations: GenerationRecord[];
  gradings: GradingRecord[];
  failed: { stage: string; id: string; error: string }[];
}

/**
 * Generate (every combination × generation round) then grade every
 * generation, as resumable stages: a re-run skips finished items. Failed
 * items are reported, not silently dropped.
 */
export async function runSkillMixStages(opts: RunOptions): Promise<RunResult> {
  const items: { comb: Combination; round: number }[] = [];
  for (let g = 1; g <= opts.generationRounds; g++) for (const comb of opts.combinations) items.push({ comb, round: g });
  const genStage = opts.stagePrefix + "-generate";
  const gen = await runStage({
    runDir: opts.runDir,
    stage: genStage,
    items,
    id: (it) => generationId(it.comb, it.round),
    work: (it) => generateOne(opts.llm, it.comb, it.round, { ...opts.generation, stage: genStage }),
    concurrency: opts.concurrency,
    progress: opts.progress,
  });
  const generations = items.map((it) => gen.done.get(generationId(it.comb, it.round))).filter((g): g is GenerationRecord => g !== undefined);
  const gradeStage = opts.stagePrefix + "-grade";
  const graded = await runStage({
    runDir: opts.runDir,
    stage: gradeStage,
    items: generations,
    id: (g) => g.id,
    work: (g) => gradeOne(opts.llm, g, { ...opts.grading, stage: gradeStage }),
    concurrency: opts.concurrency,
    progress: opts.progress,
  });
  const gradings = generations.flatMap((g) => graded.done.get(g.id) ?? []);
  const failed = [...gen.failed.map((f) => ({ stage: genStage, ...f })), ...graded.failed.map((f) => ({ stage: gradeStage, ...f }))];
  if (generations.length === 0 && items.length > 0) throw new UserError("every generation failed; first error: " + (gen.failed[0]?.error ?? "unknown"));
  return { generations, gradings, failed };
}

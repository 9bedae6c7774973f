/**
 * The study's stages as functions. Each LLM stage runs through runStage
 * (lib/llm/records): results are appended to `<runDir>/<stage>.jsonl` as
 * they arrive, and a re-run skips every recorded item (no repeated calls).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openStage, runStage, type RunStageOptions, type RunStageResult } from "../../llm/records";
import type { LLM } from "../../llm/types";
import { fillPrompt } from "../../prompts/template";
import type { Instruction } from "./instructions";
import { goodPosition, otherPosition } from "./positions";
import { judgePrompt, type StudyPrompts } from "./prompts";
import type { GeneratedResponse, PairJudgement, PairOrder, SyntheticPair, WorseResponse } from "./types";
import { parseVerdict, type VerdictRule } from "./verdict";
import { parseWorseOutput } from "./worse-parse";

/** Options shared by the LLM stages. */
export interface StageOptions {
  llm: LLM;
  runDir: string;
  prompts: StudyPrompts;
  /** Stage name (file `<runDir>/<stage>.jsonl`). */
  stage?: string;
  /** Registry role to call (defaults per stage). */
  role?: string;
  temperature?: number;
  maxTokens?: number;
  concurrency?: number;
  /** Progress display of runStage (false = silent). */
  progress?: false;
}

/** True when the client only counts calls (`--dry-run`): its answers are empty placeholders. */
export function isDryRun(llm: LLM): boolean {
  return (llm as LLM & { dryRun?: boolean }).dryRun === true;
}

/**
 * runStage, except in a dry run: then the items already recorded are left
 * out (they would cost nothing) and the others run against a throw-away
 * directory, so the placeholder answers never enter the run's records.
 */
export async function runStageOrDry<I, O>(llm: LLM, opts: RunStageOptions<I, O>): Promise<RunStageResult<O>> {
  if (!isDryRun(llm)) return runStage(opts);
  const existing = openStage<O>(opts.runDir, opts.stage);
  const todo = opts.items.filter((it, i) => !existing.has(String(opts.id(it, i))));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-dry-run-"));
  try {
    return await runStage({ ...opts, items: todo, runDir: tmp });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function progressOpt(o: StageOptions): { progress?: false } {
  return o.progress === false ? { progress: false } : {};
}

/**
 * A stage that sends one prompt per instruction (template `prompt`, role
 * `generator` by default) and turns each answer into a record with `toRecord`.
 */
function perInstructionStage<O>(
  o: StageOptions & { instructions: Instruction[] },
  defaultStage: string,
  prompt: StudyPrompts["generate"],
  toRecord: (it: Instruction, text: string, r: { model: string; simulated: boolean }) => O,
): Promise<RunStageResult<O>> {
  const stage = o.stage ?? defaultStage;
  const role = o.role ?? "generator";
  return runStageOrDry<Instruction, O>(o.llm, {
    runDir: o.runDir,
    stage,
    items: o.instructions,
    id: (it) => it.id,
    concurrency: o.concurrency,
    ...progressOpt(o),
    work: async (it) => {
      const r = await o.llm.chat(role, { messages: [{ role: "user", content: fillPrompt(prompt, { instruction: it.text }) }], temperature: o.temperature ?? 0, max_tokens: o.maxTokens }, { stage, itemId: it.id });
      return toRecord(it, r.choices[0]?.text ?? "", r);
    },
  });
}

/** Stage "generate": one response per instruction (role "generator", temperature 0 by default). */
export function generateResponses(o: StageOptions & { instructions: Instruction[] }): Promise<RunStageResult<GeneratedResponse>> {
  return perInstructionStage<GeneratedResponse>(o, "generate", o.prompts.generate, (it, text, r) => ({ id: it.id, instruction: it.text, response: text, model: r.model, simulated: r.simulated }));
}

/**
 * Stage "worse": a modified instruction and its answer in one output,
 * parsed; a parse failure is recorded (ok: false, with reason and raw text)
 * and the item is excluded from the pairs — never replaced.
 */
export function generateWorse(o: StageOptions & { instructions: Instruction[] }): Promise<RunStageResult<WorseResponse>> {
  return perInstructionStage<WorseResponse>(o, "worse", o.prompts.worse, (it, raw, r) => {
    const p = parseWorseOutput(raw, it.text);
    if (p.ok) {
      const ok = p as Extract<typeof p, { ok: true }>;
      return { id: it.id, ok: true, modifiedInstruction: ok.modifiedInstruction, response: ok.response, model: r.model, simulated: r.simulated };
    }
    return { id: it.id, ok: false, reason: (p as Extract<typeof p, { ok: false }>).reason, raw, model: r.model, simulated: r.simulated };
  });
}

/** Why an instruction has no pair. */
export interface ExcludedItem {
  id: string;
  reason: string;
}

/**
 * Pair each instruction's good response with its worse response, placing
 * the good one at a seeded position. Items lacking either (stage failure,
 * worse-parse failure, empty good response) are excluded and listed.
 */
export function buildPairs(instructions: Instruction[], good: Map<string, GeneratedResponse>, worse: Map<string, WorseResponse>, seed: number | string): { pairs: SyntheticPair[]; excluded: ExcludedItem[] } {
  const pairs: SyntheticPair[] = [];
  const excluded: ExcludedItem[] = [];
  for (const it of instructions) {
    const g = good.get(it.id);
    const w = worse.get(it.id);
    if (!g) excluded.push({ id: it.id, reason: "no good response (generate failed)" });
    else if (g.response.trim() === "") excluded.push({ id: it.id, reason: "empty good response" });
    else if (!w) excluded.push({ id: it.id, reason: "no worse response (worse failed)" });
    else if (!w.ok) excluded.push({ id: it.id, reason: "worse output unparseable: " + (w as Extract<WorseResponse, { ok: false }>).reason });
    else {
      const wr = (w as Extract<WorseResponse, { ok: true }>).response;
      if (wr.trim() === g.response.trim()) excluded.push({ id: it.id, reason: "worse response identical to the good one" });
      else pairs.push({ id: it.id, instruction: it.text, good: g.response, worse: wr, goodPosition: goodPosition(seed, it.id) });
    }
  }
  return { pairs, excluded };
}

/** The two responses as shown in `order`. */
export function presented(p: SyntheticPair, order: PairOrder): { a: string; b: string; goodPosition: "A" | "B" } {
  const gp = order === "forward" ? p.goodPosition : otherPosition(p.goodPosition);
  return gp === "A" ? { a: p.good, b: p.worse, goodPosition: gp } : { a: p.worse, b: p.good, goodPosition: gp };
}

/**
 * Stage "judge": n samples per pair (one request with `n`), temperature
 * configurable; with `bothOrders` every pair is also judged with the
 * positions swapped (item id `<pair>#swapped`).
 */
export async function judgePairs(o: StageOptions & { pairs: SyntheticPair[]; n?: number; bothOrders?: boolean; rule?: VerdictRule }): Promise<RunStageResult<PairJudgement>> {
  const stage = o.stage ?? "judge";
  const role = o.role ?? "judge";
  const n = o.n ?? 1;
  const temperature = o.temperature ?? 0;
  const items: { pair: SyntheticPair; order: PairOrder }[] = [];
  for (const pair of o.pairs) {
    items.push({ pair, order: "forward" });
    if (o.bothOrders) items.push({ pair, order: "swapped" });
  }
  return runStageOrDry<{ pair: SyntheticPair; order: PairOrder }, PairJudgement>(o.llm, {
    runDir: o.runDir,
    stage,
    items,
    id: (it) => (it.order === "forward" ? it.pair.id : it.pair.id + "#swapped"),
    concurrency: o.concurrency,
    ...progressOpt(o),
    work: async ({ pair, order }) => {
      const pr = presented(pair, order);
      const content = judgePrompt(o.prompts.judge, pair.instruction, pr.a, pr.b);
      const r = await o.llm.chat(role, { messages: [{ role: "user", content }], temperature, n, max_tokens: o.maxTokens }, { stage, itemId: pair.id + ":" + order });
      if (r.choices.length !== n) throw new Error("judge: asked for " + n + " samples, got " + r.choices.length);
      const samples = r.choices.map((c) => {
        const v = parseVerdict(c.text, o.rule);
        return v.invalid ? { text: c.text, verdict: null, invalid: v.invalid } : { text: c.text, verdict: v.verdict };
      });
      return { id: order === "forward" ? pair.id : pair.id + "#swapped", pairId: pair.id, order, goodPosition: pr.goodPosition, samples, model: r.model, simulated: r.simulated, temperature };
    },
  });
}

/** Re-parse recorded judgements under another rule (no calls). */
export function reparseJudgements(js: PairJudgement[], rule: VerdictRule): PairJudgement[] {
  return js.map((j) => ({
    ...j,
    samples: j.samples.map((s) => {
      const v = parseVerdict(s.text, rule);
      return v.invalid ? { text: s.text, verdict: null, invalid: v.invalid } : { text: s.text, verdict: v.verdict };
    }),
  }));
}

/**
 * The study's simulated model for the loopback server (offline default),
 * registered as "self-taught": `simulated/self-taught?quality=0.74&...`.
 * One simulator answers the study's three prompts (it recognises them by
 * inverting the prompt templates):
 *
 * - generate: a response that mentions each content word of the instruction
 *   with probability `gen` (default 0.9) — a "good" response fits its
 *   instruction;
 * - worse: `### Modified instruction` (the instruction with a share `shift`
 *   (0.5) of its content words replaced) + `### Response` (a response to
 *   the modified instruction). With probability `leak` (0.1) the
 *   modification only adds a format constraint, so the "worse" response fits
 *   the original as well as the good one (synthetic-label noise); with
 *   probability `malformed` (0.04) the output breaks the format;
 * - judge: compares how well A and B cover the instruction's content words
 *   (instructionFit) and picks the better-fitting one with probability
 *   `quality` (0.74) — a coin flip when they fit equally; with probability
 *   |bias| it picks A (bias > 0) or B (bias < 0) regardless; with
 *   probability `invalid` (0.03) its verdict is invalid (no tag, or both);
 *   with probability `quote` (0.05) the explanation quotes the other tag
 *   (invalid under the "any" rule, valid under "last-line").
 *
 * Randomness is seeded by the model string, the prompt and (when the
 * temperature is > 0) the choice index: at temperature 0 every sample is
 * the same; equal requests give equal answers.
 *
 * Simulated fine-tuning (lib/together's mock, via registerFineTuneEffect):
 * the trained judge's parameters are computed FROM THE TRAINING ROWS —
 * see `fineTunedParams`. So the notebook's iteration curve comes from this
 * mechanism, never from the paper's numbers.
 */
import type { ChatMessage } from "../../llm/types";
import type { Simulator, SimulatorContext } from "../../llm/mock/simulator";
import { seededRng, hashString, type Rng } from "../../random/seeded";
import { registerFineTuneEffect, type FineTuneInfo } from "../../together/mock/effects";
import { loadStudyPrompts, matchPrompt, type StudyPrompts } from "./prompts";
import { contentWords, instructionFit } from "./text-fit";
import { parseVerdict } from "./verdict";

let prompts: StudyPrompts | undefined;
function templates(): StudyPrompts {
  return (prompts ??= loadStudyPrompts());
}

/** Numeric parameter of the model string, with a default and a range check. */
function num(params: Record<string, string>, key: string, dflt: number, lo = 0, hi = 1): number {
  const raw = params[key];
  if (raw === undefined || raw === "") return dflt;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < lo || v > hi) throw new Error("simulated/self-taught: parameter " + key + "=" + raw + " outside [" + lo + ", " + hi + "]");
  return v;
}

const LEXICON =
  "river garden planet violin market winter ocean castle engine forest pencil museum rocket island desert library thunder harvest lantern bridge meadow circus glacier orchard compass festival canyon harbor volcano carnival".split(" ");
const FILLER = "clearly carefully overall first second finally example detail summary point step context result".split(" ");

/**
 * The generator for one answer: seeded by the simulator name, its parameters
 * WITHOUT `ft` (the fine-tune job id, which the mock draws at random), the
 * prompt, the temperature and (only when temperature > 0) the choice index,
 * so that equal models give equal answers across runs.
 */
function rngFor(ctx: SimulatorContext, text: string, salt: string): Rng {
  const idx = ctx.temperature > 0 ? ctx.choiceIndex : 0;
  const params = Object.keys(ctx.params)
    .filter((k) => k !== "ft")
    .sort()
    .map((k) => k + "=" + ctx.params[k])
    .join("&");
  return seededRng(hashString(ctx.name + "?" + params + "\u0000" + salt + "\u0000" + idx + "\u0000" + ctx.temperature + "\u0000" + text));
}

/** A simulated response to `instruction`: mentions each content word with probability `gen`. */
export function simulatedResponse(instruction: string, gen: number, rng: Rng): string {
  const words = contentWords(instruction);
  const kept = words.filter(() => rng.random() < gen);
  if (kept.length === 0 && words.length > 0) kept.push(words[rng.int(words.length)]);
  const fill = Array.from({ length: 3 + rng.int(4) }, () => rng.pick(FILLER));
  if (kept.length === 0) return "Here is a short, general answer: " + fill.join(" ") + ".";
  return "Here is a response addressing " + kept.join(", ") + ". " + fill[0][0].toUpperCase() + fill.slice(0).join(" ").slice(1) + ", with each point explained in turn.";
}

function generate(instruction: string, p: Record<string, string>, rng: Rng): string {
  return simulatedResponse(instruction, num(p, "gen", 0.9), rng);
}

function worse(instruction: string, p: Record<string, string>, rng: Rng): string {
  const gen = num(p, "gen", 0.9);
  const shift = num(p, "shift", 0.5);
  const leak = num(p, "leak", 0.1);
  const malformed = num(p, "malformed", 0.04);
  let modified: string;
  if (rng.random() < leak) modified = instruction + " Answer in exactly three sentences.";
  else {
    const words = contentWords(instruction);
    const replace = new Set(words.filter(() => rng.random() < shift));
    if (replace.size === 0 && words.length) replace.add(words[rng.int(words.length)]);
    modified = instruction.replace(/[A-Za-z][A-Za-z'-]{3,}/g, (w) => (replace.has(w.toLowerCase().replace(/['-]+$/g, "")) ? rng.pick(LEXICON) : w));
    if (modified === instruction) modified = instruction + " Focus on " + rng.pick(LEXICON) + " instead.";
  }
  const response = simulatedResponse(modified, gen, rng);
  const u = rng.random();
  if (u < malformed / 2) return "Modified instruction: " + modified + "\n" + response; // headers missing
  if (u < malformed) return "### Modified instruction\n" + modified + "\n"; // response missing
  return "### Modified instruction\n" + modified + "\n\n### Response\n" + response;
}

function judge(instruction: string, a: string, b: string, p: Record<string, string>, rng: Rng): string {
  const quality = num(p, "quality", 0.74);
  const bias = num(p, "bias", 0, -1, 1);
  const invalid = num(p, "invalid", 0.03);
  const quote = num(p, "quote", 0.05);
  const fa = instructionFit(instruction, a);
  const fb = instructionFit(instruction, b);
  const n = contentWords(instruction).length;
  const cover = (f: number) => Math.round(f * n) + " of the " + n + " key points";
  const explanation = "Assistant A's answer covers " + cover(fa) + " of the instruction; Assistant B's answer covers " + cover(fb) + ".";
  if (rng.random() < invalid) {
    return rng.random() < 0.5 ? explanation + " Both answers have merits and I cannot decide between them." : explanation + " Verdict: [[A]] or [[B]], they are equally good.";
  }
  let pick: "A" | "B";
  if (rng.random() < Math.abs(bias)) pick = bias > 0 ? "A" : "B";
  else {
    const better: "A" | "B" = fa > fb ? "A" : fb > fa ? "B" : rng.random() < 0.5 ? "A" : "B";
    pick = rng.random() < quality ? better : better === "A" ? "B" : "A";
  }
  const other = pick === "A" ? "B" : "A";
  const because = " Overall, Assistant " + pick + " follows the instruction more closely.";
  const q = rng.random() < quote ? " One might be tempted to answer [[" + other + "]], but that would be wrong." : "";
  return explanation + because + q + "\n\n[[" + pick + "]]";
}

/** The registered simulator. */
export const selfTaughtSimulator: Simulator = {
  description: "Self-Taught Evaluator: generator, worse-response generator and pairwise judge (params quality, bias, invalid, quote, gen, shift, leak, malformed)",
  chat(messages: ChatMessage[], ctx: SimulatorContext): string {
    const user = messages.filter((m) => m.role === "user");
    const text = user.length ? user[user.length - 1].content : "";
    const t = templates();
    const j = matchPrompt(t.judge, text);
    if (j) return judge(j.instruction, j.response_a, j.response_b, ctx.params, rngFor(ctx, text, "judge"));
    const w = matchPrompt(t.worse, text);
    if (w) return worse(w.instruction, ctx.params, rngFor(ctx, text, "worse"));
    const g = matchPrompt(t.generate, text);
    if (g) return generate(g.instruction, ctx.params, rngFor(ctx, text, "generate"));
    // Any other prompt: answer it as an instruction.
    return generate(text, ctx.params, rngFor(ctx, text, "other"));
  },
};

/** What simulated training saw, summarised (also recorded in the output model's parameters). */
export interface TrainingSummary {
  rows: number;
  /** Rows whose target verdict is a judge prompt + a valid verdict. */
  usable: number;
  /** Share of usable rows whose verdict picks the response that fits the instruction better (ties count 1/2). */
  agreement: number;
  /** Share of usable rows whose verdict is A. */
  shareA: number;
}

/** Summarise chat training rows ({messages: [..., user judge prompt, assistant judgement]}). */
export function summariseTraining(rows: unknown[]): TrainingSummary {
  const t = templates();
  let usable = 0;
  let agree = 0;
  let a = 0;
  for (const r of rows) {
    const msgs = (r as { messages?: ChatMessage[] }).messages;
    if (!Array.isArray(msgs)) continue;
    const user = msgs.filter((m) => m.role === "user").pop();
    const asst = msgs.filter((m) => m.role === "assistant").pop();
    if (!user || !asst) continue;
    const j = matchPrompt(t.judge, user.content);
    const v = parseVerdict(asst.content).verdict;
    if (!j || !v) continue;
    usable++;
    if (v === "A") a++;
    const fa = instructionFit(j.instruction, j.response_a);
    const fb = instructionFit(j.instruction, j.response_b);
    agree += fa === fb ? 0.5 : (fa > fb) === (v === "A") ? 1 : 0;
  }
  return { rows: rows.length, usable, agreement: usable ? agree / usable : 0.5, shareA: usable ? a / usable : 0.5 };
}

/**
 * The simulated judge after fine-tuning on `rows` (the modelling assumption,
 * documented in README.md):
 *   s      = 1 - exp(-usable * epochs / tau)            learning strength (tau 150)
 *   target = 0.5 + (qmax - 0.5) * (2 * agreement - 1)   what the data teach (qmax 0.95)
 *            - overfit * depth                          repeated self-training on own outputs (overfit 0.07)
 *   quality' = quality + s * (target - quality), clamped to [0.5, qmax]
 *   bias'    = bias + s * ((shareA - 0.5) - bias)      position preference of the data
 *   invalid' = invalid * (1 - s)                        the rows are all well-formed
 * where depth = fine-tunes already in the model's lineage (0 for a base
 * model), so training from the previous iteration compounds the penalty,
 * training from the base model does not.
 */
export function fineTunedParams(params: Record<string, string>, info: Pick<FineTuneInfo, "trainingRows" | "nEpochs">): Record<string, string> {
  const sum = summariseTraining(info.trainingRows);
  const tau = num(params, "tau", 150, 1, 1e9);
  const qmax = num(params, "qmax", 0.95);
  const overfit = num(params, "overfit", 0.07);
  const depth = num(params, "depth", 0, 0, 1e6);
  const quality = num(params, "quality", 0.74);
  const bias = num(params, "bias", 0, -1, 1);
  const invalid = num(params, "invalid", 0.03);
  const s = 1 - Math.exp((-sum.usable * Math.max(1, info.nEpochs)) / tau);
  const target = 0.5 + (qmax - 0.5) * (2 * sum.agreement - 1) - overfit * depth;
  const q2 = Math.min(qmax, Math.max(0.5, quality + s * (target - quality)));
  const b2 = bias + s * (sum.shareA - 0.5 - bias);
  const r4 = (x: number) => String(Math.round(x * 1e4) / 1e4);
  return { ...params, quality: r4(q2), bias: r4(b2), invalid: r4(invalid * (1 - s)), depth: String(depth + 1), agree: r4(sum.agreement) };
}

registerFineTuneEffect("self-taught", (params, info) => fineTunedParams(params, info));

/**
 * The Skill-Mix simulated models for the loopback server (offline default),
 * registered as "skill-mix". One simulator plays both roles; it recognises
 * the request from the prompt (our templates and the original ones):
 *
 * Student (`simulated/skill-mix?ability=0.92&decay=0.1&...`), for the
 * generation prompt and the "improve" turn: it reads the skills, their
 * definitions and the topic from the prompt and writes short sentences in
 * which each skill is "illustrated" — by two cue words taken from the
 * skill's definition — with probability ability · (1 − decay)^(k−1)
 * (so harder with more skills); the improve turn re-draws each missing
 * skill with probability `improve` (0.3). It mentions the topic with
 * probability `topic` (0.95), names a skill outright with probability
 * `name` (0.1, caught by the explicit-name filter), and in the improve turn
 * writes one sentence too many with probability `overflow` (0.1).
 *
 * Grader (`simulated/skill-mix?quality=0.9&...`), for the grading prompt:
 * it finds the answer, checks each skill's cue words, the topic, a `sense`
 * coin (0.95) and a naive sentence count, flips each verdict with
 * probability 1 − `quality`, and answers in the requested format (a
 * 'Criteria' | 'Points Earned' table with a total row, or 'Point earned:'
 * lines and 'Grade:'); with probability `malformed` (0.02) it answers
 * without a table.
 *
 * Randomness comes from ctx.rng (seeded by the model string, the request
 * body and the choice index), so equal requests give equal answers and the
 * n choices of one grading request differ.
 */
import type { ChatMessage } from "../../llm/types";
import type { Simulator, SimulatorContext } from "../../llm/mock/simulator";
import type { Rng } from "../../random/seeded";
import { numberToWords } from "./number-words";

/** Numeric parameter of the model string with a default and a range check. */
function num(params: Record<string, string>, key: string, dflt: number, lo = 0, hi = 1): number {
  const raw = params[key];
  if (raw === undefined || raw === "") return dflt;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < lo || v > hi) throw new Error("simulated/skill-mix: parameter " + key + "=" + raw + " outside [" + lo + ", " + hi + "]");
  return v;
}

const STOP = new Set("that this with from which their there about other into when where what them they than then have been were also only more most such some used using uses form because between given situation".split(" "));

/** The two cue words of a skill: the first two distinct content words (5+ letters) of its definition. */
export function cueWords(definition: string): string[] {
  const out: string[] = [];
  for (const w of definition.toLowerCase().match(/[a-z]+/g) ?? []) {
    if (w.length >= 5 && !STOP.has(w) && !out.includes(w)) out.push(w);
    if (out.length === 2) break;
  }
  return out;
}

interface SkillInfo {
  name: string;
  definition: string;
}

/** Skills and their definitions from the "**name**: definition[ For example, ...]" lines of a prompt. */
export function skillsInPrompt(prompt: string): SkillInfo[] {
  const out: SkillInfo[] = [];
  for (const line of prompt.split("\n")) {
    const m = /^\*\*(.+?)\*\*: (.*)$/.exec(line);
    if (!m) continue;
    const def = m[2].split(" For example, ")[0];
    out.push({ name: m[1], definition: def });
  }
  return out;
}

function topicOf(prompt: string): string | undefined {
  const m = /natural piece of text about (.+?) that demonstrates/.exec(prompt) ?? /in the context of (.+?) that illustrates/.exec(prompt) ?? / about (.+?)\. The text should demonstrate/.exec(prompt) ?? / in the context of (.+?)\. This single piece/.exec(prompt);
  return m ? m[1] : undefined;
}

function limitOf(prompt: string): number | undefined {
  const words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
  const m = /(?:up to|no longer than|at most) (\w+) sentences?/i.exec(prompt);
  if (!m) return undefined;
  const i = words.indexOf(m[1].toLowerCase());
  return i >= 0 ? i + 1 : undefined;
}

const OPENERS = ["At", "Around", "Near", "During"];
const VERBS = ["quietly links", "openly weighs", "slowly turns", "clearly ties"];

function clause(skill: SkillInfo, rng: Rng, named: boolean): string {
  const [a, b] = cueWords(skill.definition);
  const base = "the " + (a ?? "idea") + " " + VERBS[rng.int(VERBS.length)] + " to the " + (b ?? "point");
  return named ? base + " (" + skill.name + ", plainly)" : base;
}

function studentAnswer(messages: ChatMessage[], ctx: SimulatorContext): string {
  const first = messages.find((m) => m.role === "user")?.content ?? "";
  const skills = skillsInPrompt(first);
  const topic = topicOf(first) ?? "the topic";
  const k = Math.max(1, skills.length);
  const improving = messages.filter((m) => m.role === "user").length > 1;
  const p = ctx.params;
  const rng = ctx.rng;
  let pSkill = num(p, "ability", 0.92) * Math.pow(1 - num(p, "decay", 0.1), k - 1);
  if (improving) pSkill = pSkill + (1 - pSkill) * num(p, "improve", 0.3);
  const clauses: string[] = [];
  for (const s of skills) if (rng.random() < pSkill) clauses.push(clause(s, rng, rng.random() < num(p, "name", 0.1)));
  if (clauses.length === 0) clauses.push("nothing much happens");
  const limit = improving ? limitOf(messages[messages.length - 1].content) ?? Math.max(1, k - 1) : k;
  const nSent = Math.min(clauses.length, improving && rng.random() < num(p, "overflow", 0.1) ? limit + 1 : limit);
  const sentences: string[] = [];
  const per = Math.ceil(clauses.length / Math.max(1, nSent));
  for (let i = 0; i < clauses.length; i += per) sentences.push(clauses.slice(i, i + per).join(", and "));
  const mentionTopic = rng.random() < num(p, "topic", 0.95);
  const text = sentences
    .map((s, i) => (i === 0 ? OPENERS[rng.int(OPENERS.length)] + " " + (mentionTopic ? topic.toLowerCase() : "the place") + ", " + s : s[0].toUpperCase() + s.slice(1)) + ".")
    .join(" ");
  return "Answer: " + text + "\n\nExplanation: each skill is carried by one clause (simulated student).";
}

function graderAnswer(prompt: string, ctx: SimulatorContext): string {
  const p = ctx.params;
  const rng = ctx.rng;
  const quality = num(p, "quality", 0.9);
  const skills = skillsInPrompt(prompt);
  const topic = topicOf(prompt) ?? "";
  const limit = limitOf(prompt) ?? Math.max(1, skills.length - 1);
  const m = /The student's answer was: "([\s\S]*?)"\n\nFor reference/.exec(prompt);
  const answer = (m ? m[1] : "").toLowerCase();
  const noisy = (truth: boolean) => (rng.random() < quality ? truth : !truth) ? 1 : 0;
  const pts: { label: string; v: number }[] = skills.map((s) => ({ label: "Illustrates " + s.name.toLowerCase(), v: noisy(cueWords(s.definition).every((w) => answer.includes(w))) }));
  pts.push({ label: "Pertains to " + topic, v: noisy(topic !== "" && answer.includes(topic.toLowerCase())) });
  pts.push({ label: "Text makes sense", v: rng.random() < num(p, "sense", 0.95) ? 1 : 0 });
  const naive = (answer.match(/[.!?](\s|$)/g) ?? []).length || 1;
  pts.push({ label: "At most " + numberToWords(limit) + (limit > 1 ? " sentences" : " sentence"), v: noisy(naive <= limit) });
  const total = pts.reduce((a, b) => a + b.v, 0);
  if (rng.random() < num(p, "malformed", 0.02)) return "The answer is decent overall; I would give it " + total + " points. (simulated grader)";
  if (/Point earned/.test(prompt)) {
    return pts.map((x) => x.label + ": met or not.\nPoint earned: " + x.v).join("\n\n") + "\n\nGrade: " + total;
  }
  const rows = pts.map((x) => "| " + x.label + " | " + x.v + " |");
  return "Here's the grading table:\n\n| Criteria | Points Earned |\n|---|---|\n" + rows.join("\n") + "\n| Total Points Earned | " + total + " |\n\nExplanation: graded by cue words (simulated grader).";
}

/** Is this conversation a grading request (as opposed to a student turn)? */
export function isGradingPrompt(prompt: string): boolean {
  return prompt.includes("The student's answer was: ");
}

export const skillMixSimulator: Simulator = {
  description: "Skill-Mix student (ability, decay, improve, topic, name, overflow) and grader (quality, sense, malformed) in one simulated model",
  chat(messages, ctx) {
    const last = messages[messages.length - 1]?.content ?? "";
    if (isGradingPrompt(last)) return graderAnswer(last, ctx);
    return studentAnswer(messages, ctx);
  },
};

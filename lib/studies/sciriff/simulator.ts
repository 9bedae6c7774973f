/**
 * The "sciriff" simulated model of the loopback server. It answers
 *  - SciRIFF task prompts (the nine tasks' instructions) with extractive
 *    guesses copied from the prompt: spans, sentences, intents, numbers,
 *    formatted as the task asks, with a seeded share of the formatting
 *    accidents real models make (prose around the JSON, a code fence, a
 *    trailing comma, a truncated answer, "null");
 *  - the judge prompts of prompts/sciriff/ with "Explanation: ...\nRating: N",
 *    N rising with the token overlap of model answer and reference, plus
 *    noise shrinking with `quality`.
 * Parameters (model string query): quality (0..1, default 0.6),
 * noise (share of formatting accidents, default 0.15).
 * Nothing here knows the gold answers: every score it earns is earned by
 * copying from the prompt.
 */
import type { Simulator, SimulatorContext } from "../../llm/mock/simulator";
import type { Rng } from "../../random/seeded";
import { sciriffTokenF1 } from "./metrics/token-f1";

function num(params: Record<string, string>, key: string, dflt: number): number {
  const v = Number(params[key]);
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : dflt;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
}

function after(text: string, label: string): string {
  const i = text.lastIndexOf(label);
  return i >= 0 ? text.slice(i + label.length) : text;
}

function between(text: string, a: string, b: string): string {
  const i = text.indexOf(a);
  if (i < 0) return "";
  const j = text.indexOf(b, i + a.length);
  return text.slice(i + a.length, j >= 0 ? j : undefined).trim();
}

function pickSome<T>(rng: Rng, xs: readonly T[], k: number): T[] {
  const copy = xs.slice();
  rng.shuffle(copy);
  return copy.slice(0, Math.max(0, Math.min(k, copy.length)));
}

/** Capitalised or hyphenated/digit-bearing words and two-word phrases: entity-like spans. */
function entityLike(text: string): string[] {
  const out = new Set<string>();
  const re = /\b([A-Z][A-Za-z0-9-]{2,}(?:\s[A-Z0-9][A-Za-z0-9-]+)?|[a-z]+-[a-z0-9-]+|[A-Za-z]*\d[A-Za-z0-9-]*)\b/g;
  for (const m of text.matchAll(re)) if (m[1].length > 2) out.add(m[1]);
  return [...out];
}

function nounPhrases(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b([a-z]{4,}(?:\s[a-z]{4,}){0,2})\b/g)) out.add(m[1]);
  return [...out];
}

function accident(json: string, rng: Rng, noise: number): string {
  if (rng.random() >= noise) return json;
  switch (rng.int(5)) {
    case 0:
      return "Here is the requested output:\n" + json + "\nI hope this helps.";
    case 1:
      return "```json\n" + json + "\n```";
    case 2:
      return json.replace(/([\]}])\s*$/, ",$1").replace(/,\s*,/, ",");
    case 3:
      return json.slice(0, Math.max(1, Math.floor(json.length * (0.4 + 0.4 * rng.random()))));
    default:
      return "null";
  }
}

function taskAnswer(prompt: string, rng: Rng, quality: number, noise: number): string {
  const take = (n: number) => Math.max(1, Math.round(n * (0.5 + quality)));
  if (prompt.includes("JSON templates for two types") || prompt.includes("Cell Description:")) {
    const table = prompt.split("Caption:")[0];
    const numbers = [...table.matchAll(/(?<![A-Za-z])(\d+(?:\.\d+)?)/g)].map((m) => m[1]);
    const keep = numbers.slice(0, 40).filter(() => rng.random() < 0.55 + 0.45 * quality); // weaker models skip cells
    const lines = keep.map((v) => JSON.stringify({ value: v, type: "Other" }));
    return lines.join("\n");
  }
  if (prompt.includes("summary of the work that would be informative for a peer reviewer") || prompt.includes("paper summary:")) {
    const body = after(prompt, "Paper body:");
    const ss = sentences(body);
    return pickSome(rng, ss.slice(0, 12), 3).join(" ") || "The paper proposes a method and evaluates it.";
  }
  if (prompt.includes("<cite>") && /citation/i.test(prompt)) {
    const cats = [...prompt.matchAll(/^- ([A-Za-z]+):/gm)].map((m) => m[1]);
    const ctx = after(prompt, "Context with Citation:").toLowerCase();
    const chosen = cats.filter((c) => (c === "Uses" && /\buse[sd]?\b|using/.test(ctx)) || (c === "Similarities" && /similar|like|follow/.test(ctx)) || (c === "Differences" && /unlike|differ|contrast|whereas/.test(ctx)) || (c === "Extends" && /extend|build on/.test(ctx)));
    const out = chosen.length ? chosen : [rng.random() < quality ? "Background" : rng.pick(cats.length ? cats : ["Background"])];
    return accident(JSON.stringify(out), rng, noise);
  }
  if (prompt.includes("scientific claim") && prompt.includes('"verdict"')) {
    const claim = between(prompt, "Claim:", "\n");
    const abs = after(prompt, "Abstract:");
    const ss = abs.split("\n").map((s) => s.trim()).filter((s) => s.length > 10);
    const scored = ss.map((s) => ({ s, f: sciriffTokenF1(s, claim) })).sort((a, b) => b.f - a.f);
    const best = scored[0];
    const neg = best && /\bnot\b|\bno\b|fail|did not|no significant/i.test(best.s);
    let verdict = !best || best.f < 0.12 ? "NEI" : neg ? "CONTRADICT" : "SUPPORT";
    if (rng.random() > quality) verdict = rng.pick(["SUPPORT", "CONTRADICT", "NEI"]);
    const evidence = verdict === "NEI" || !best ? [] : [best.s];
    return accident(JSON.stringify({ verdict, evidence }), rng, noise);
  }
  if (prompt.includes("extract all the findings from this report")) {
    const counts = [...prompt.matchAll(/There are (\d+) finding/g)]; // the last one is the question (earlier ones are shots)
    const n = Number(counts.length ? counts[counts.length - 1][1] : 2);
    const abs = after(prompt, "Abstract:");
    const ss = sentences(abs).filter((s) => /signific|differ|compar|improv|reduc|increas|decreas/i.test(s));
    const arm = /randomi[sz]ed to (?:receive )?([A-Za-z0-9-]+)/i.exec(abs)?.[1] ?? /with ([A-Za-z0-9-]+) than/i.exec(abs)?.[1];
    const comparator = /placebo/i.test(abs) ? "placebo" : /control/i.test(abs) ? "control" : null;
    const tuples = pickSome(rng, ss, n).map((s) => {
      const words = s.replace(/[^A-Za-z0-9 -]/g, " ").split(/\s+/).filter((w) => w.length > 3);
      const effect = /no significant|not significant|did not differ|similar|comparable/i.test(s) ? "no significant difference" : /decreas|reduc|lower/i.test(s) ? "significantly decreased" : "significantly increased";
      const outcome = /^(.+?) (?:was|were|did|showed|remained)\b/i.exec(s)?.[1] ?? words.slice(2, 5).join(" ");
      const intervention = rng.random() < 0.4 + quality / 2 && arm ? arm : words.slice(0, 2).join(" ");
      return [intervention, comparator, outcome.toLowerCase(), effect, s];
    });
    return accident(JSON.stringify(tuples), rng, noise);
  }
  if (prompt.includes("extract all unique entities")) {
    const types = [...new Set([...(/format: (\{[^\n]*\})/.exec(prompt)?.[1] ?? "").matchAll(/"([A-Za-z]+)"\s*:/g)].map((m) => m[1]))];
    const typeList = types.length ? types : [...prompt.matchAll(/^- "([A-Za-z]+)"/gm)].map((m) => m[1]);
    const abs = after(prompt, "Abstract:");
    const cands = pickSome(rng, [...entityLike(abs), ...pickSome(rng, nounPhrases(abs), 6)], take(8));
    const out: Record<string, string[]> = {};
    for (const t of typeList) out[t] = [];
    for (const c of cands) if (typeList.length) out[rng.pick(typeList)].push(c);
    return accident(JSON.stringify(out), rng, noise);
  }
  if (prompt.includes("formatted as a `json` array") || (prompt.includes("Question:") && prompt.includes("excerpts"))) {
    const ctx = between(prompt, "Context:", "Question:");
    const cands = pickSome(rng, [...entityLike(ctx), ...nounPhrases(ctx)], take(4));
    return accident(JSON.stringify(cands.length ? cands : ["unknown"]), rng, noise);
  }
  if (prompt.includes('"answer"') && prompt.includes('"evidence"')) {
    if (rng.random() > 0.5 + quality / 2) return "null";
    const question = between(prompt, "Question:", "\n");
    const paper = between(prompt, "----------------------------------------", "----------------------------------------");
    const paras = paper.split("\n").map((p) => p.trim()).filter((p) => p.length > 40);
    const best = paras.map((p) => ({ p, f: sciriffTokenF1(p, question) })).sort((a, b) => b.f - a.f)[0];
    const ans = best ? (sentences(best.p)[0] ?? best.p).slice(0, 200) : "Not stated.";
    return accident(JSON.stringify({ answer: ans, evidence: best ? [best.p] : [] }), rng, noise);
  }
  return "I am not sure how to answer this.";
}

function section(text: string, start: string, end?: string): string {
  const i = text.indexOf(start);
  if (i < 0) return "";
  const rest = text.slice(i + start.length);
  const j = end ? rest.indexOf(end) : -1;
  return (j >= 0 ? rest.slice(0, j) : rest).trim();
}

function judgeAnswer(prompt: string, rng: Rng, quality: number, noise: number): string {
  const qasper = prompt.includes("Reference answer:");
  const ref = qasper ? section(prompt, "Reference answer:", "Model answer:") : section(prompt, "Reference summary:", "Model summary:");
  const ans = qasper ? section(prompt, "Model answer:") : section(prompt, "Model summary:");
  const f = sciriffTokenF1(ans, ref);
  const latent = 1 + 4 * Math.min(1, f * 1.6) + rng.normal(0, 1.6 * (1 - quality) + 0.2);
  const rating = Math.min(5, Math.max(1, Math.round(latent)));
  const why = f > 0.5 ? "The model answer covers most of the reference." : f > 0.2 ? "The model answer overlaps with the reference but misses parts of it." : "The model answer has little in common with the reference.";
  if (rng.random() < noise / 5) return "Explanation: " + why + "\nI would rate this somewhere in the middle.";
  return "Explanation: " + why + "\nRating: " + rating;
}

/** The simulator registered as "sciriff" (lib/llm/mock/simulators/index.ts). */
export const sciriffSimulator: Simulator = {
  description: "SciRIFF: extractive answers to the nine task prompts (with formatting accidents) and judge ratings; params quality, noise",
  chat(messages, ctx: SimulatorContext): string {
    const prompt = messages.map((m) => m.content).join("\n");
    const quality = num(ctx.params, "quality", 0.6);
    const noise = num(ctx.params, "noise", 0.15);
    if (prompt.startsWith("You are grading")) return judgeAnswer(prompt, ctx.rng, quality, noise);
    return taskAnswer(prompt, ctx.rng, quality, noise);
  },
  complete(prompt, ctx) {
    const quality = num(ctx.params, "quality", 0.6);
    const noise = num(ctx.params, "noise", 0.15);
    return { text: prompt.includes("You are grading") ? judgeAnswer(prompt, ctx.rng, quality, noise) : taskAnswer(prompt, ctx.rng, quality, noise) };
  },
};

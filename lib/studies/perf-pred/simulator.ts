/**
 * "perf-pred" simulated model for the offline evaluation stage. It answers
 * evaluation prompts (see prompt.ts) deterministically:
 * - when the prompt shows positive examples, it answers with one of their
 *   outputs (a label for classification tasks) with probability `copy`
 *   (default 0.7), else it echoes words of the instance input;
 * - otherwise it echoes the input's words, each kept with probability
 *   `quality` (default 0.6), capped at 30 words.
 * A per-task difficulty derived from a hash of the definition shifts both
 * probabilities, so task-level scores vary between tasks as real ones do.
 * Completions with echo use the server's default log-probabilities.
 * Everything it produces is simulated and labelled so by the study.
 */
import type { ChatMessage } from "../../llm/types";
import type { Simulator, SimulatorContext } from "../../llm/mock/simulator";

function num(params: Record<string, string>, key: string, dflt: number): number {
  const v = Number(params[key]);
  return params[key] !== undefined && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : dflt;
}

function hash01(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h / 4294967296;
}

/** Parse an evaluation prompt into definition, example outputs and the final input. */
export function parseEvalPrompt(prompt: string): { definition: string; exampleOutputs: string[]; input: string } {
  const lastInput = prompt.lastIndexOf("Input:");
  const definition = prompt.slice(0, prompt.indexOf("\n\n") >= 0 ? prompt.indexOf("\n\n") : prompt.length).trim();
  const tail = lastInput >= 0 ? prompt.slice(lastInput + "Input:".length) : prompt;
  const outAt = tail.lastIndexOf("Output:");
  const input = (outAt >= 0 ? tail.slice(0, outAt) : tail).trim();
  const exampleOutputs: string[] = [];
  const re = /Output: ([^\n]*)/g;
  const head = lastInput >= 0 ? prompt.slice(0, lastInput) : "";
  for (const m of head.matchAll(re)) exampleOutputs.push(m[1].trim());
  return { definition, exampleOutputs, input };
}

function answer(prompt: string, ctx: SimulatorContext): string {
  const { definition, exampleOutputs, input } = parseEvalPrompt(prompt);
  const difficulty = hash01(definition) - 0.5; // in [-0.5, 0.5)
  const copy = Math.min(1, Math.max(0, num(ctx.params, "copy", 0.7) - 0.4 * difficulty));
  const quality = Math.min(1, Math.max(0, num(ctx.params, "quality", 0.6) - 0.6 * difficulty));
  if (exampleOutputs.length && ctx.rng.random() < copy) return " " + ctx.rng.pick(exampleOutputs);
  const words = input.split(/\s+/).filter((w) => w.length > 0);
  const kept = words.filter(() => ctx.rng.random() < quality).slice(0, 30);
  return " " + (kept.length ? kept.join(" ") : "none");
}

export const perfPredSimulator: Simulator = {
  description: "perf-pred evaluation model: copies an example output (prob copy=0.7) or echoes input words (prob quality=0.6), shifted by a per-definition difficulty",
  complete: (prompt, ctx) => ({ text: answer(prompt, ctx) }),
  chat: (messages: ChatMessage[], ctx) => {
    const user = messages.filter((m) => m.role === "user");
    return answer(user.length ? user[user.length - 1].content : "", ctx).trim() + "\nThis answer follows the instruction.";
  },
};

import { fillPrompt, loadPrompt, type PromptTemplate } from "../../prompts/template";
import type { SuperniExample } from "../../data/superni/types";

/** Templates of the evaluation prompt (prompts/perf-pred/eval.v1.txt, example.v1.txt). */
export interface EvalTemplates {
  eval: PromptTemplate;
  example: PromptTemplate;
}

/** Load the evaluation templates (latest versions unless given). */
export function loadEvalTemplates(dir?: string): EvalTemplates {
  return { eval: loadPrompt("perf-pred", "eval", undefined, dir), example: loadPrompt("perf-pred", "example", undefined, dir) };
}

const FINAL_PUNCT = /[.!?。！？:;"'”’)\]]$/u;

/**
 * The definition as the original put it in prompts: trimmed, with a period
 * appended when it does not already end in punctuation.
 */
export function definitionSentence(definition: string): string {
  const d = definition.trim();
  if (d === "") return d;
  return FINAL_PUNCT.test(d) ? d : d + ".";
}

function strip1(s: string): string {
  return s.endsWith("\n") ? s.slice(0, -1) : s;
}

/**
 * The evaluation prompt: definition sentence, then the first `nExamples`
 * positive examples (Input/Output pairs separated by blank lines), then
 * `Input: <input>` and `Output:` (no trailing newline or space; the model
 * continues after "Output:").
 */
export function buildEvalPrompt(t: EvalTemplates, definition: string, input: string, examples: readonly SuperniExample[] = [], nExamples = 0): string {
  const ex = examples
    .slice(0, nExamples)
    .map((e) => strip1(fillPrompt(t.example, { input: e.input.trim(), output: e.output.trim() })) + "\n\n")
    .join("");
  return strip1(fillPrompt(t.eval, { definition: definitionSentence(definition), examples: ex, input: input.trim() }));
}

/**
 * First-sentence truncation applied to chat models' answers (they tend to
 * explain): leading whitespace removed, cut at the first line break, then
 * after the first '.', '!' or '?' that is followed by whitespace.
 */
export function firstSentence(text: string): string {
  const t = text.replace(/^\s+/, "");
  const line = t.split(/\r?\n/)[0];
  const m = /[.!?](?=\s)/.exec(line);
  return (m ? line.slice(0, m.index + 1) : line).trim();
}

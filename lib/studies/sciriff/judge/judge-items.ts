import { fillPrompt, loadPrompt } from "../../../prompts/template";
import { isDict } from "../pyjson/py-types";
import { mupFields, qasperFields } from "./prompt-fields";
import { mupSampleIndices } from "./mup-sample";
import type { AttributedInstance } from "../metrics/attributed-qa";

/** One judge call to make. */
export interface JudgeItem {
  /** "task-<k>", as SciRIFF's batch files (k: instance index for Qasper, sample position for MuP). */
  customId: string;
  /** Index of the instance in the task's predictions. */
  index: number;
  prompt: string;
}

/** Judge work of one task: calls to make, and instances rated without a call. */
export interface JudgePlan {
  task: "qasper_abstractive_qa" | "mup_single_document_summarization";
  items: JudgeItem[];
  /** Qasper instances without a parseable answer: rated 1 without a judge call. */
  noAnswer: number[];
  /** Prompt template provenance. */
  template: string;
}

/**
 * Qasper judge prompts (prompts/sciriff/qasper-judge): excerpts = the
 * reference evidence joined by newlines, the question recovered from the
 * task prompt, the reference answer and the model's answer. Instances whose
 * prediction has no answer are not sent (rated 1, as SciRIFF's direct-call
 * path did).
 */
export function qasperJudgePlan(prompts: readonly string[], refs: readonly unknown[], answers: readonly AttributedInstance[], version?: number): JudgePlan {
  const t = loadPrompt("sciriff", "qasper-judge", version);
  const items: JudgeItem[] = [];
  const noAnswer: number[] = [];
  answers.forEach((a, i) => {
    if (a.answer === undefined) {
      noAnswer.push(i);
      return;
    }
    const ref = refs[i] as Record<string, unknown>;
    const evidence = isDict(ref) && Array.isArray(ref.evidence) ? (ref.evidence as unknown[]).map(String).join("\n") : "";
    const q = qasperFields(prompts[i]).question ?? "(question not found in the prompt)";
    items.push({
      customId: "task-" + i,
      index: i,
      prompt: fillPrompt(t, { excerpts: evidence, question: q, reference: String(isDict(ref) ? ref.answer : ""), answer: a.answer }),
    });
  });
  return { task: "qasper_abstractive_qa", items, noAnswer, template: t.file };
}

/**
 * MuP judge prompts (prompts/sciriff/mup-judge) for the sampled instances
 * (see {@link mupSampleIndices}); title and body recovered from the prompt.
 */
export function mupJudgePlan(prompts: readonly string[], refs: readonly string[], preds: readonly string[], samples = 100, version?: number): JudgePlan {
  const t = loadPrompt("sciriff", "mup-judge", version);
  const idx = mupSampleIndices(prompts.length, samples);
  const items = idx.map((i, k) => {
    const f = mupFields(prompts[i]);
    return {
      customId: "task-" + k,
      index: i,
      prompt: fillPrompt(t, { title: f.title ?? "(title not found)", body: f.body ?? "(body not found)", reference: refs[i], summary: preds[i] }),
    };
  });
  return { task: "mup_single_document_summarization", items, noAnswer: [], template: t.file };
}

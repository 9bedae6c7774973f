import * as path from "node:path";
import { createHash } from "node:crypto";
import type { LLM } from "../../../llm/types";
import { runStage } from "../../../llm/records";
import { fillPrompt, loadPrompt } from "../../../prompts/template";
import { writeFileAtomic } from "../../../io/atomic";
import { UserError } from "../../../util/errors";
import { taskByName } from "../tasks";
import type { SciriffInstance } from "./instances";

/**
 * How the instance text reaches the model:
 * - "chat" (default): one user message holding the input (the API applies
 *   the model's own chat template);
 * - "general": a text completion whose prompt is the input (SciRIFF's
 *   `general` lm-eval templates);
 * - "tulu": a text completion of "<|user|>\n{input}\n<|assistant|>"
 *   (SciRIFF's `tulu` templates), from prompts/sciriff/format-tulu.
 */
export type ChatFormat = "chat" | "general" | "tulu";

/** Options of {@link predictTask}. */
export interface PredictOptions {
  llm: LLM;
  task: string;
  instances: readonly SciriffInstance[];
  /** Model label used as the folder name of the output layout. */
  model: string;
  /** Output root: writes <outDir>/<model>/<task>/samples_<task>.jsonl. */
  outDir: string;
  /** Run directory for the resumable stage records. */
  runDir: string;
  /** LLM role (default "model"). */
  role?: string;
  format?: ChatFormat;
  /** Generation limit (default 1024, as SciRIFF's `max_gen_toks`). */
  maxTokens?: number;
  concurrency?: number;
  /**
   * Few-shot pool: the first `numFewshot` instances (other than the current
   * one) are prepended as lm-eval does, "<input>\n<output>" joined and
   * followed by the task's few-shot delimiter. (lm-eval draws the shots with
   * its own sampler; here they are the first ones of the pool.)
   */
  fewshot?: readonly SciriffInstance[];
  /** Shots per prompt (default: 1 for evidence inference, as SciRIFF's template, else 0). */
  numFewshot?: number;
}

/** SciRIFF's default number of shots (`num_fewshot` in the lm-eval templates). */
export function defaultNumFewshot(task: string): number {
  return task === "evidence_inference" ? 1 : 0;
}

/** Result of {@link predictTask}. */
export interface PredictResult {
  file: string;
  written: number;
  failed: { id: string; error: string }[];
  simulated: boolean;
}

/** SciRIFF's stop sequence: the few-shot delimiter ("\n\n\n" for evidence inference). */
export function stopSequence(task: string): string {
  return task === "evidence_inference" ? "\n\n\n" : "\n\n--------------------\n\n";
}

function sha256(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

/**
 * Generate predictions for one task's instances through the LLM layer
 * (greedy, temperature 0, SciRIFF's stop sequence and length limit) and
 * write them in lm-evaluation-harness `--log_samples` format, so that
 * `sciriff score` reads them like a harness run. Resumable: finished
 * instances are recorded in the run directory and skipped on re-run.
 * Instances whose call failed are reported and left out of the file.
 */
export async function predictTask(o: PredictOptions): Promise<PredictResult> {
  if (!taskByName(o.task)) throw new UserError("unknown SciRIFF task '" + o.task + "'");
  const format = o.format ?? "chat";
  const role = o.role ?? "model";
  const maxTokens = o.maxTokens ?? 1024;
  const until = [stopSequence(o.task)];
  const template = format === "chat" ? undefined : loadPrompt("sciriff", "format-" + format);
  const k = o.numFewshot ?? defaultNumFewshot(o.task);
  if (k > 0 && !o.fewshot) throw new UserError("task " + o.task + " uses " + k + " few-shot example(s): give a few-shot pool (--fewshot FILE) or set the number of shots to 0");
  const delim = stopSequence(o.task);
  const withShots = (inst: SciriffInstance): string => {
    if (k <= 0 || !o.fewshot) return inst.input;
    const shots = o.fewshot.filter((s) => s.input !== inst.input).slice(0, k);
    if (shots.length < k) throw new UserError("few-shot pool has fewer than " + k + " usable example(s)");
    return shots.map((s) => s.input + "\n" + s.output).join(delim) + delim + inst.input;
  };
  const promptOf = (inst: SciriffInstance) => (template ? fillPrompt(template, { input: withShots(inst) }) : withShots(inst));
  const ids = o.instances.map((inst, i) => inst._instance_id ?? o.task + ":" + i);
  const res = await runStage<SciriffInstance, { text: string; simulated: boolean }>({
    runDir: o.runDir,
    stage: "sciriff-predict-" + o.task + "-" + o.model.replace(/[^A-Za-z0-9._-]+/g, "_"),
    items: o.instances,
    id: (_inst, i) => ids[i],
    concurrency: o.concurrency,
    progress: { mode: "none" },
    async work(inst, i) {
      const prompt = promptOf(inst);
      const r =
        format === "chat"
          ? await o.llm.chat(role, { messages: [{ role: "user", content: prompt }], temperature: 0, max_tokens: maxTokens, stop: until }, { stage: "sciriff-predict", itemId: ids[i] })
          : await o.llm.complete(role, { prompt, temperature: 0, max_tokens: maxTokens, stop: until }, { stage: "sciriff-predict", itemId: ids[i] });
      return { text: r.choices[0]?.text ?? "", simulated: r.simulated };
    },
  });
  const lines: string[] = [];
  let simulated = false;
  o.instances.forEach((inst, i) => {
    const done = res.done.get(ids[i]);
    if (!done) return;
    simulated = simulated || done.simulated;
    const prompt = promptOf(inst);
    const doc: Record<string, unknown> = { input: inst.input, output: inst.output, metadata: inst.metadata ?? {}, _instance_id: inst._instance_id ?? ids[i] };
    lines.push(
      JSON.stringify({
        doc_id: i,
        doc,
        target: inst.output,
        arguments: { gen_args_0: { arg_0: prompt, arg_1: { until, do_sample: false, max_gen_toks: maxTokens } } },
        resps: [[done.text]],
        filtered_resps: [done.text],
        doc_hash: sha256(JSON.stringify(doc, null, 2)),
        prompt_hash: sha256(prompt),
        target_hash: sha256(inst.output),
        simulated: done.simulated,
        format,
      }),
    );
  });
  const file = path.join(o.outDir, o.model, o.task, "samples_" + o.task + ".jsonl");
  writeFileAtomic(file, lines.join("\n") + (lines.length ? "\n" : ""));
  return { file, written: lines.length, failed: res.failed, simulated };
}

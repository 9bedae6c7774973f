import type { LLM } from "../../../llm/types";
import type { JudgePlan } from "./judge-items";
import { parseMupRating, parseQasperRating } from "./parse-rating";
import { judgeScore, type InstanceRating, type JudgeScore, type JudgeScoreOptions } from "./judge-score";
import type { BatchOutputLine } from "./batch-output";
import { batchReplyText } from "./batch-output";

/** Judge sampling used by both the direct and the Batch API path (equal requests, equal answers). */
export const JUDGE_PARAMS = { temperature: 0, max_tokens: 512 } as const;

/** Options of {@link judgeWithLLM}. */
export interface JudgeCallOptions {
  /** Role of the judge (default "judge"). */
  role?: string;
  /** Parallel calls (default 4; the LLM layer's scheduler also limits). */
  concurrency?: number;
  temperature?: number;
  maxTokens?: number;
  /** Called after each finished call. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Ask the judge (role "judge" of the LLM layer) for every item of a plan;
 * returns custom_id -> reply text (a failed call is recorded as an Error).
 */
export async function judgeWithLLM(llm: LLM, plan: JudgePlan, options: JudgeCallOptions = {}): Promise<Map<string, string | Error>> {
  const out = new Map<string, string | Error>();
  const queue = plan.items.slice();
  let done = 0;
  const worker = async () => {
    for (;;) {
      const item = queue.shift();
      if (!item) return;
      try {
        const r = await llm.chat(
          options.role ?? "judge",
          { messages: [{ role: "user", content: item.prompt }], temperature: options.temperature ?? JUDGE_PARAMS.temperature, max_tokens: options.maxTokens ?? JUDGE_PARAMS.max_tokens },
          { stage: "sciriff-judge-" + plan.task, itemId: item.customId },
        );
        out.set(item.customId, r.choices[0]?.text ?? "");
      } catch (e) {
        out.set(item.customId, e instanceof Error ? e : new Error(String(e)));
      }
      done++;
      options.onProgress?.(done, plan.items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, plan.items.length)) }, worker));
  return out;
}

/** Judge results of one task, as stored in metrics.json `lm_judge`. */
export interface JudgeResult extends JudgeScore {
  source: "llm" | "batch" | "existing-output";
  template?: string;
  options: JudgeScoreOptions;
  /** Calls that failed (error text), by custom_id. */
  errors: Record<string, string>;
  /** Per-instance ratings (instance index, rating or null). */
  ratings: { index: number; customId?: string; rating: number | null; status: string }[];
}

/** Turn replies into ratings and the aggregate score (the task's parsing rule). */
export function scorePlan(plan: JudgePlan, replies: Map<string, string | Error>, source: JudgeResult["source"], options: JudgeScoreOptions = {}): JudgeResult {
  const parse = plan.task === "qasper_abstractive_qa" ? parseQasperRating : parseMupRating;
  const errors: Record<string, string> = {};
  const rows: { index: number; customId?: string; r: InstanceRating }[] = [];
  for (const item of plan.items) {
    const reply = replies.get(item.customId);
    let r: InstanceRating;
    if (reply === undefined) r = { status: "missing" };
    else if (reply instanceof Error) {
      errors[item.customId] = reply.message;
      r = { status: "missing" };
    } else r = parse(reply);
    rows.push({ index: item.index, customId: item.customId, r });
  }
  for (const i of plan.noAnswer) rows.push({ index: i, r: { rating: 1, status: "ok", noAnswer: true } });
  rows.sort((a, b) => a.index - b.index);
  const opts: JudgeScoreOptions = { aggregate: plan.task === "mup_single_document_summarization" ? "mean-rescaled" : "rescale-mean", ...options };
  const score = judgeScore(rows.map((x) => x.r), opts);
  return {
    ...score,
    source,
    template: plan.template,
    options: opts,
    errors,
    ratings: rows.map((x) => ({ index: x.index, customId: x.customId, rating: x.r.rating ?? null, status: x.r.noAnswer ? "no_answer" : x.r.status })),
  };
}

/** Replies (custom_id -> text) from Batch API result lines; errored lines become Errors. */
export function repliesFromBatch(lines: Map<string, BatchOutputLine>): Map<string, string | Error> {
  const out = new Map<string, string | Error>();
  for (const [id, line] of lines) {
    const t = batchReplyText(line);
    out.set(id, t === undefined ? new Error("batch request failed: " + JSON.stringify(line.error ?? line.response?.status_code ?? "no content")) : t);
  }
  return out;
}

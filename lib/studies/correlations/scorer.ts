import { readJsonlRows } from "../../io/jsonl";
import { InputError, UserError } from "../../util/errors";
import { loadPrompt, fillPrompt, type PromptTemplate } from "../../prompts/template";
import type { LLM, LLMResponse } from "../../llm/types";
import { runStage } from "../../llm/records/run-stage";
import { scoreChoices } from "./choice-scores";
import { SAMPLE_METRICS } from "./metrics";
import type { ScoreRow } from "./log-samples";

/** One multiple-choice question. */
export interface McQuestion {
  /** Stable id (used for resumable run records). */
  id: string;
  /** Sample index written into the score table (default: position in the file). */
  sampleIdx: number;
  /** The context the choices continue (already formatted). */
  context: string;
  /** Continuations, each including its leading delimiter (e.g. " Paris"). */
  continuations: string[];
  /** Index of the correct continuation. */
  answer: number;
}

/**
 * Read a multiple-choice dataset (JSON Lines `{id?, question, choices[],
 * answer}`), formatting each context with the prompt template
 * `prompts/correlations/mc_context.v1.txt` (`{question}`) and each choice as
 * " " + choice (lm-eval's default target delimiter). Bad rows are InputErrors.
 */
export function readMcDataset(file: string, template: PromptTemplate | string = loadPrompt("correlations", "mc_context")): McQuestion[] {
  const seen = new Set<string>();
  return readJsonlRows<Record<string, unknown>>(file).map(({ line, value: r }, i) => {
    const where = { file, line };
    if (typeof r.question !== "string" || r.question.trim() === "") throw new InputError({ ...where, field: "question" }, "expected a non-empty string");
    if (!Array.isArray(r.choices) || r.choices.length < 2 || r.choices.some((c) => typeof c !== "string" || c === "")) {
      throw new InputError({ ...where, field: "choices" }, "expected a list of at least 2 non-empty strings");
    }
    const answer = r.answer;
    if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 0 || answer >= r.choices.length) {
      throw new InputError({ ...where, field: "answer" }, "expected a choice index 0.." + (r.choices.length - 1) + ", found " + JSON.stringify(answer));
    }
    const id = r.id === undefined ? String(i) : String(r.id);
    if (seen.has(id)) throw new InputError({ ...where, field: "id" }, "duplicate id '" + id + "'");
    seen.add(id);
    return { id, sampleIdx: i, context: fillPrompt(template, { question: r.question }), continuations: (r.choices as string[]).map((c) => " " + c), answer };
  });
}

/** Log-likelihood of a continuation from an echoed completion, and whether it is greedy. */
export interface ContinuationScore {
  logLikelihood: number;
  isGreedy: boolean;
  /** Number of tokens counted as the continuation. */
  tokens: number;
}

/**
 * Sum the log-probs of the continuation's tokens in an echoed completion of
 * `context + continuation` (`echo: true, logprobs: 1, max_tokens: 0`). A token
 * belongs to the continuation when it ends after the context (character
 * offsets from the server; a token straddling the boundary is counted with
 * the continuation, since an API cannot re-tokenise the two parts separately
 * as lm-eval does locally). Greedy: every continuation token is its position's
 * top-1 alternative. Tokens at or after `promptLength` (generated ones, for
 * servers that need max_tokens >= 1) are ignored. Missing offsets or
 * log-probs are a UserError.
 */
export function continuationLogLikelihood(resp: LLMResponse, contextLength: number, promptLength = Infinity): ContinuationScore {
  const lps = resp.choices[0]?.logprobs;
  if (!lps || lps.length === 0) throw new UserError("the completion has no token log-probs (does the endpoint support echo with logprobs?)");
  let ll = 0;
  let n = 0;
  let greedy = true;
  for (const t of lps) {
    if (t.offset === undefined) throw new UserError("the completion's log-probs have no text offsets");
    if (t.offset + t.token.length <= contextLength) continue;
    // generated tokens (servers that need max_tokens >= 1) are not part of the prompt
    if (t.offset >= promptLength) break;
    if (t.logprob === null) throw new UserError("no log-prob for continuation token " + JSON.stringify(t.token));
    ll += t.logprob;
    n++;
    if (t.top && t.top.length > 0) {
      const best = t.top.reduce((a, b) => (b.logprob > a.logprob ? b : a));
      if (best.logprob > t.logprob) greedy = false;
    }
  }
  if (n === 0) throw new UserError("the continuation has no tokens in the echoed completion");
  return { logLikelihood: ll, isGreedy: greedy, tokens: n };
}

/** Options of `scoreWithLLM`. */
export interface ScoreWithLLMOptions {
  llm: LLM;
  /** Role of each model to score (one role per family member). */
  roles: string[];
  /** Model nickname per role, written into the score rows (default: the role name). */
  models?: string[];
  questions: McQuestion[];
  /** Task name written into the rows. */
  task?: string;
  /** Run directory: per-role stage records make the scoring resumable. */
  runDir?: string;
  /** max_tokens of the scoring requests (default 0; some servers need 1: the generated token is ignored). */
  maxTokens?: number;
  concurrency?: number;
}

/**
 * Our own scorer: per-choice log-likelihoods of each question for each model
 * through the completions-with-logprobs path of the LLM layer
 * (`llm.complete(role, {prompt: context + continuation, echo: true,
 * logprobs: 1, max_tokens: 0})`), then the same per-sample table as the
 * lm-eval importer (acc_norm by characters of the choice text).
 * With `runDir`, each role is a resumable stage `loglik-<role>`.
 * Failed items are reported in `failed` and get no score rows.
 */
export async function scoreWithLLM(opts: ScoreWithLLMOptions): Promise<{ rows: ScoreRow[]; failed: { role: string; id: string; error: string }[] }> {
  const models = opts.models ?? opts.roles;
  if (models.length !== opts.roles.length) throw new UserError(models.length + " model names for " + opts.roles.length + " roles");
  const rows: ScoreRow[] = [];
  const failed: { role: string; id: string; error: string }[] = [];
  const task = opts.task ?? "mc";
  for (let r = 0; r < opts.roles.length; r++) {
    const role = opts.roles[r];
    const work = async (q: McQuestion): Promise<ContinuationScore[]> => {
      const out: ContinuationScore[] = [];
      for (const c of q.continuations) {
        const prompt = q.context + c;
        const resp = await opts.llm.complete(role, { prompt, echo: true, logprobs: 1, max_tokens: opts.maxTokens ?? 0, temperature: 0 });
        out.push(continuationLogLikelihood(resp, q.context.length, prompt.length));
      }
      return out;
    };
    let done: Map<string, ContinuationScore[]>;
    if (opts.runDir) {
      const res = await runStage({ runDir: opts.runDir, stage: "loglik-" + role, items: opts.questions, id: (q) => q.id, work, concurrency: opts.concurrency, progress: false });
      done = res.done;
      for (const f of res.failed) failed.push({ role, ...f });
    } else {
      done = new Map();
      const limit = Math.max(1, opts.concurrency ?? 8);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(limit, opts.questions.length) }, async () => {
          while (next < opts.questions.length) {
            const q = opts.questions[next++];
            try {
              done.set(q.id, await work(q));
            } catch (e) {
              if (e instanceof UserError || e instanceof InputError) throw e;
              failed.push({ role, id: q.id, error: (e as Error).message });
            }
          }
        }),
      );
    }
    for (const q of opts.questions) {
      const cs = done.get(q.id);
      if (!cs) continue;
      const s = scoreChoices({
        logLikelihoods: cs.map((c) => c.logLikelihood),
        target: q.answer,
        isGreedy: cs.map((c) => c.isGreedy),
        choiceLengths: q.continuations.map((c) => c.length - 1),
      });
      for (const m of SAMPLE_METRICS) rows.push({ model: models[r], task, sample_idx: q.sampleIdx, metric: m, score: s[m] });
    }
  }
  return { rows, failed };
}
